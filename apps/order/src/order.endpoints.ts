import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { OrderSubjects } from '@oms/contracts/order.contracts';
import { SimulationSubjects } from '@oms/contracts/simulation.contracts';
import { ServiceRuntime } from '@oms/messaging';
import { CancelOrderCommand } from './orders/cancel-order/cancel-order.command';
import { OrderHistoryQuery } from './orders/order-history/order-history.queries';
import { GetOrderQuery, ListOrdersQuery, ReturnableLinesQuery } from './orders/order-summaries/order-summaries.queries';
import { cancelOrderFrom, listOrdersFrom, orderIdFrom, orderReadFrom, placeOrderFrom } from './orders/order.requests';
import { PlaceOrderCommand } from './orders/place-order/place-order.command';
import { FulfilmentOptionsQuery } from './promise/fulfilment-options.queries';
import { fulfilmentOptionsFrom } from './promise/fulfilment-options.request';
import { simulationIdFrom, startSimulationFrom } from './simulations/simulation.requests';
import { GetSimulationQuery, StartSimulationCommand } from './simulations/simulations.handlers';

/** The service's NATS surface: each subject checks the message's shape, then hands it to its handler. */
@Injectable()
export class OrderEndpoints implements OnApplicationBootstrap {
  constructor(
    @Inject(ServiceRuntime) private readonly runtime: ServiceRuntime,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  onApplicationBootstrap(): void {
    const { commands, queries } = this;
    const serve = this.runtime.serve.bind(this.runtime);
    serve(OrderSubjects.place, (p, context) => commands.execute(new PlaceOrderCommand(placeOrderFrom(p, context), context)));
    serve(OrderSubjects.cancel, (p, context) => commands.execute(new CancelOrderCommand(cancelOrderFrom(p), context)));
    serve(OrderSubjects.get, (p) => {
      const { orderId, asOf } = orderReadFrom(p);
      return queries.execute(new GetOrderQuery(orderId, asOf));
    });
    serve(OrderSubjects.history, (p) => queries.execute(new OrderHistoryQuery(orderIdFrom(p))));
    serve(OrderSubjects.list, (p) => queries.execute(new ListOrdersQuery(listOrdersFrom(p))));
    serve(SimulationSubjects.start, (p) => commands.execute(new StartSimulationCommand(startSimulationFrom(p))));
    serve(SimulationSubjects.get, (p) => queries.execute(new GetSimulationQuery(simulationIdFrom(p))));
    serve(OrderSubjects.fulfilmentOptions, (p, context) => queries.execute(new FulfilmentOptionsQuery(fulfilmentOptionsFrom(p, Date.now()), context)));
    serve(OrderSubjects.returnable, (p) => queries.execute(new ReturnableLinesQuery(orderIdFrom(p))));
  }
}
