import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { readServiceConfig } from './service-config';
import { ServiceRuntime, type ServiceRuntimeOptions } from './service-runtime';

class RuntimeShutdown implements OnApplicationShutdown {
  constructor(@Inject(ServiceRuntime) private readonly runtime: ServiceRuntime) {}
  async onApplicationShutdown(): Promise<void> {
    await this.runtime.stop();
  }
}

/** Provides the started ServiceRuntime (and its EventStore) to a service's Nest context; stops it on shutdown. */
@Module({})
export class ServiceRuntimeModule {
  static forService(options: Omit<ServiceRuntimeOptions, 'config'>): DynamicModule {
    return {
      module: ServiceRuntimeModule,
      global: true,
      providers: [
        { provide: ServiceRuntime, useFactory: () => ServiceRuntime.start({ ...options, config: readServiceConfig(options.service) }) },
        RuntimeShutdown,
      ],
      exports: [ServiceRuntime],
    };
  }
}
