import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SimulationSubjects, type LocationHistory, type SimulationView, type StartSimulationRequest, type StockChange, type StockHistory, type StockItemAt } from '@oms/contracts';
import { JsonLogger, ServiceRuntime } from '@oms/messaging';
import { randomUUID } from 'node:crypto';
import { ORDER_CONFIG, type OrderConfig } from '../order-config';
import { Replay, type ReplayResult } from './replay';
import { ordersPlacedIn, routedOrders } from './routed-orders';
import { ShadowStock } from './shadow-stock';
import { SimulationNotFound } from './simulation.errors';
import { configUnder } from './simulation-policy';

/** A job whose instance has not written for this long is taken over by another (or by this one after a restart). */
const ORPHANED_AFTER_S = 30;
const HEARTBEAT_MS = 5_000;
/** SKUs per stock history request: keeps each answer well under NATS's message size. */
const SKUS_PER_REQUEST = 25;
const PROGRESS_EVERY = 2_000;
const HISTORY_TIMEOUT_MS = 30_000;

interface SimulationRow {
  simulation_id: string;
  status: SimulationView['status'];
  request: StartSimulationRequest;
  done: number;
  total: number;
  result: ReplayResult | null;
  error: string | null;
  created_at: Date;
  completed_at: Date | null;
}

const viewOf = (row: SimulationRow): SimulationView => ({
  simulationId: row.simulation_id,
  status: row.status,
  from: row.request.from,
  to: row.request.to,
  policy: row.request.policy,
  progress: { done: row.done, total: row.total },
  ...(row.result ?? {}),
  ...(row.error ? { error: row.error } : {}),
  createdAt: row.created_at.toISOString(),
  ...(row.completed_at ? { completedAt: row.completed_at.toISOString() } : {}),
});

/**
 * Routing simulations as jobs kept in the order schema: started at once,
 * run in this process, their progress written as they go. A job left
 * running by an instance that died is run again from the start by the first
 * instance to notice (the replay only reads, so running it twice is harmless).
 */
@Injectable()
export class SimulationJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new JsonLogger('simulations');
  private readonly running = new Set<string>();
  private sweeper?: NodeJS.Timeout;
  private stopping = false;

  constructor(
    @Inject(ServiceRuntime) private readonly runtime: ServiceRuntime,
    @Inject(ORDER_CONFIG) private readonly config: OrderConfig,
  ) {}

  onApplicationBootstrap(): void {
    const sweep = () => void this.takeOverOrphans().catch((error) => this.logger.warn(`simulation sweep failed: ${error instanceof Error ? error.message : error}`));
    sweep();
    this.sweeper = setInterval(sweep, HEARTBEAT_MS * 2).unref();
  }

  onApplicationShutdown(): void {
    this.stopping = true;
    clearInterval(this.sweeper);
  }

  async start(request: StartSimulationRequest): Promise<SimulationView> {
    const simulationId = randomUUID();
    const [row]: SimulationRow[] = await this.runtime.dataSource.query(`insert into simulations (simulation_id, status, request) values ($1, 'running', $2) returning *`, [
      simulationId,
      request,
    ]);
    this.launch(simulationId, request);
    return viewOf(row);
  }

  async find(simulationId: string): Promise<SimulationView> {
    const rows: SimulationRow[] = await this.runtime.dataSource.query(`select * from simulations where simulation_id = $1`, [simulationId]);
    if (rows.length === 0) throw new SimulationNotFound(simulationId);
    return viewOf(rows[0]);
  }

  private async takeOverOrphans(): Promise<void> {
    const rows: SimulationRow[] = await this.runtime.dataSource.query(
      // As a select: TypeORM answers a bare UPDATE … RETURNING with a [rows, count] pair.
      `with taken as (
         update simulations set heartbeat_at = now(), done = 0
         where simulation_id in (select simulation_id from simulations where status = 'running' and heartbeat_at < now() - make_interval(secs => $1) for update skip locked)
         returning *)
       select * from taken`,
      [ORPHANED_AFTER_S],
    );
    for (const row of rows) {
      this.logger.log(`simulation ${row.simulation_id} was left running by an instance that stopped: running it again`);
      this.launch(row.simulation_id, row.request);
    }
  }

  private launch(simulationId: string, request: StartSimulationRequest): void {
    if (this.running.has(simulationId)) return;
    this.running.add(simulationId);
    const heartbeat = setInterval(() => void this.write(simulationId, `heartbeat_at = now()`, []), HEARTBEAT_MS).unref();
    this.run(simulationId, request)
      .then((result) => this.write(simulationId, `status = 'completed', result = $2, completed_at = now(), heartbeat_at = now()`, [result]))
      .catch((error: unknown) => {
        // Stopped half-way: left running, so that the heartbeat ages and another instance takes it over.
        if (this.stopping) return;
        const message = error instanceof Error ? error.message : String(error);
        this.logger.warn(`simulation ${simulationId} failed: ${message}`);
        return this.write(simulationId, `status = 'failed', error = $2, completed_at = now()`, [message]);
      })
      .finally(() => {
        clearInterval(heartbeat);
        this.running.delete(simulationId);
      });
  }

  private async write(simulationId: string, set: string, values: unknown[]): Promise<void> {
    await this.runtime.dataSource.query(`update simulations set ${set} where simulation_id = $1 and status = 'running'`, [simulationId, ...values]).catch(() => undefined);
  }

  private async run(simulationId: string, { from, to, policy }: StartSimulationRequest): Promise<ReplayResult> {
    const started = Date.now();
    const db = this.runtime.dataSource;
    const orderIds = await ordersPlacedIn(db, from, to);
    await this.write(simulationId, `total = $2`, [orderIds.length]);
    const orders = [];
    const skus = new Set<string>();
    for await (const order of routedOrders(db, orderIds)) {
      if (!order) continue;
      orders.push(order);
      for (const line of order.request.lines) skus.add(line.sku);
    }
    const shadow = new ShadowStock(await this.locationHistory(from, to), await this.stockHistory([...skus], from, to), from);
    const replay = new Replay(shadow, configUnder(this.config.routing, policy));
    for (let i = 0; i < orders.length; i++) {
      if (this.stopping) throw new Error('the order service stopped; another instance takes the simulation over');
      replay.next(orders[i]);
      if ((i + 1) % PROGRESS_EVERY === 0) {
        await this.write(simulationId, `done = $2, heartbeat_at = now()`, [i + 1]);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    await this.write(simulationId, `done = $2`, [orderIds.length]);
    this.logger.log(`simulation ${simulationId} replayed ${orders.length} orders of ${from} – ${to} in ${Date.now() - started} ms`);
    return replay.result();
  }

  private locationHistory(from: string, to: string): Promise<LocationHistory> {
    return this.runtime.request<LocationHistory>(SimulationSubjects.locationHistory, { from, to }, this.context(), HISTORY_TIMEOUT_MS);
  }

  private async stockHistory(skus: readonly string[], from: string, to: string): Promise<StockHistory> {
    const stockAtFrom: StockItemAt[] = [];
    const changes: StockChange[] = [];
    for (let i = 0; i < skus.length; i += SKUS_PER_REQUEST) {
      const part = await this.runtime.request<StockHistory>(SimulationSubjects.stockHistory, { skus: skus.slice(i, i + SKUS_PER_REQUEST), from, to }, this.context(), HISTORY_TIMEOUT_MS);
      stockAtFrom.push(...part.stockAtFrom);
      changes.push(...part.changes);
    }
    return { stockAtFrom, changes: changes.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)) };
  }

  private context() {
    return { correlationId: `simulation:${randomUUID()}`, actor: 'simulation' };
  }
}
