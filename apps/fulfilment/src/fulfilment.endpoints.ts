import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { FulfilmentSubjects } from '@oms/contracts';
import { ServiceRuntime } from '@oms/messaging';
import * as requests from './fulfilment.requests';
import { ActOnFulfilmentCommand } from './fulfilments/act-on-fulfilment/act-on-fulfilment.command';
import { CancelFulfilmentCommand } from './fulfilments/cancel-fulfilment/cancel-fulfilment.command';
import { CreateFulfilmentCommand } from './fulfilments/create-fulfilment/create-fulfilment.command';
import { GetFulfilmentQuery, LateWorkQuery, ListFulfilmentsQuery } from './fulfilments/fulfilment-list/fulfilment-list.queries';
import { PickupCodesQuery } from './pickup-codes/pickup-code.queries';
import { RedrawPickupCodeCommand } from './pickup-codes/redraw-pickup-code.command';
import { ReceiveReturnCommand } from './returns/receive-return/receive-return.command';
import { RequestReturnCommand } from './returns/request-return/request-return.command';
import { GetReturnQuery } from './returns/return-list/return-list.queries';

/** The service's NATS surface: each subject checks the message's shape, then hands it to its handler. */
@Injectable()
export class FulfilmentEndpoints implements OnApplicationBootstrap {
  constructor(
    @Inject(ServiceRuntime) private readonly runtime: ServiceRuntime,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  onApplicationBootstrap(): void {
    const { commands, queries } = this;
    const serve = this.runtime.serve.bind(this.runtime);
    serve(FulfilmentSubjects.create, (p, context) => commands.execute(new CreateFulfilmentCommand(requests.createFulfilmentFrom(p), context)));
    serve(FulfilmentSubjects.cancel, (p, context) => commands.execute(new CancelFulfilmentCommand(requests.cancelFulfilmentFrom(p), context)));
    serve(FulfilmentSubjects.act, (p, context) => commands.execute(new ActOnFulfilmentCommand(requests.fulfilmentActionFrom(p), context)));
    serve(FulfilmentSubjects.get, (p) => {
      const { fulfilmentId, caller, asOf } = requests.fulfilmentReadFrom(p);
      return queries.execute(new GetFulfilmentQuery(fulfilmentId, caller, asOf));
    });
    serve(FulfilmentSubjects.list, (p) => {
      const { filter, caller } = requests.fulfilmentListFrom(p);
      return queries.execute(new ListFulfilmentsQuery(filter, caller));
    });
    serve(FulfilmentSubjects.redrawPickupCode, (p, context) => commands.execute(new RedrawPickupCodeCommand(requests.redrawPickupCodeFrom(p), context)));
    serve(FulfilmentSubjects.pickupCodes, (p) => queries.execute(new PickupCodesQuery(requests.pickupCodesFrom(p))));
    serve(FulfilmentSubjects.requestReturn, (p, context) => commands.execute(new RequestReturnCommand(requests.requestReturnFrom(p), context)));
    serve(FulfilmentSubjects.receiveReturn, (p, context) => commands.execute(new ReceiveReturnCommand(requests.receiveReturnFrom(p), context)));
    serve(FulfilmentSubjects.lateWork, () => queries.execute(new LateWorkQuery()));
    serve(FulfilmentSubjects.getReturn, (p) => {
      const { returnId, caller } = requests.returnIdFrom(p);
      return queries.execute(new GetReturnQuery(returnId, caller));
    });
  }
}
