import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { InventorySubjects } from '@oms/contracts/inventory.contracts';
import { SimulationSubjects } from '@oms/contracts/simulation.contracts';
import { ServiceRuntime } from '@oms/messaging';
import { LocationHistoryQuery, StockHistoryQuery } from './history/history.queries';
import { AvailabilityQuery, SourcingCandidatesQuery } from './availability/availability.queries';
import * as requests from './inventory.requests';
import { DefineLocationCommand } from './locations/define-location/define-location.command';
import { GetLocationQuery, ListLocationsQuery } from './locations/location-directory/location-directory.queries';
import { CommitReservationCommand } from './reservations/commit-reservation/commit-reservation.command';
import { ReleaseReservationCommand } from './reservations/release-reservation/release-reservation.command';
import { ReserveStockCommand } from './reservations/reserve-stock/reserve-stock.command';
import { AdjustStockCommand } from './stock-items/adjust-stock/adjust-stock.command';
import { CountStockCommand } from './stock-items/count-stock/count-stock.command';
import { RestockGoodsCommand } from './stock-items/restock-goods/restock-goods.command';
import { GetStockLevelQuery } from './stock-items/stock-levels/stock-levels.queries';

/** The service's NATS surface: each subject checks the message's shape, then hands it to its handler. */
@Injectable()
export class InventoryEndpoints implements OnApplicationBootstrap {
  constructor(
    @Inject(ServiceRuntime) private readonly runtime: ServiceRuntime,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  onApplicationBootstrap(): void {
    const { commands, queries } = this;
    const serve = this.runtime.serve.bind(this.runtime);
    serve(InventorySubjects.putLocation, (p, origin) => commands.execute(new DefineLocationCommand(requests.defineLocationFrom(p, origin))));
    serve(InventorySubjects.getLocation, (p) => queries.execute(new GetLocationQuery(requests.locationIdFrom(p))));
    serve(InventorySubjects.listLocations, (p) => {
      const { limit, cursor } = requests.pageFrom(p);
      return queries.execute(new ListLocationsQuery(limit, cursor));
    });
    serve(InventorySubjects.countStock, (p, origin) => commands.execute(new CountStockCommand(requests.countStockFrom(p, origin))));
    serve(InventorySubjects.adjustStock, (p, origin) => commands.execute(new AdjustStockCommand(requests.adjustStockFrom(p, origin))));
    serve(InventorySubjects.restock, (p, origin) => commands.execute(new RestockGoodsCommand(requests.restockGoodsFrom(p, origin))));
    serve(InventorySubjects.getStock, (p) => {
      const { locationId, sku, asOf } = requests.stockLevelReadFrom(p);
      return queries.execute(new GetStockLevelQuery(locationId, sku, asOf));
    });
    serve(InventorySubjects.reserve, (p, origin) => commands.execute(new ReserveStockCommand(requests.reserveStockFrom(p, origin))));
    serve(InventorySubjects.release, (p, origin) => commands.execute(new ReleaseReservationCommand(requests.releaseReservationFrom(p, origin))));
    serve(InventorySubjects.commit, (p, origin) => commands.execute(new CommitReservationCommand(requests.commitReservationFrom(p, origin))));
    serve(InventorySubjects.availability, (p) => queries.execute(new AvailabilityQuery(requests.availabilityFrom(p))));
    serve(SimulationSubjects.locationHistory, (p) => {
      const { from, to } = requests.historyWindowFrom(p);
      return queries.execute(new LocationHistoryQuery(from, to));
    });
    serve(SimulationSubjects.stockHistory, (p) => {
      const { skus, from, to } = requests.stockHistoryFrom(p);
      return queries.execute(new StockHistoryQuery(skus, from, to));
    });
    serve(InventorySubjects.sourcingCandidates, (p) => queries.execute(new SourcingCandidatesQuery(requests.sourcingCandidatesFrom(p).skus)));
  }
}
