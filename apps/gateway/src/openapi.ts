import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Serves the OpenAPI UI at /docs and the document at /docs-json; both outside the API key guard. */
export const serveOpenApi = (app: INestApplication): void => {
  const config = new DocumentBuilder()
    .setTitle('Omnichannel OMS API')
    .setDescription('Orders, stock, availability and fulfilment across every channel. Errors are application/problem+json (RFC 9457).')
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'API key', description: 'An API key from OMS_API_KEYS' })
    .addSecurityRequirements('bearer')
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config), { jsonDocumentUrl: 'docs-json' });
};
