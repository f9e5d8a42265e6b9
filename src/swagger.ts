import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Swagger UI at `/docs`, the OpenAPI document at `/docs-json`. */
export function setupSwagger(app: NestFastifyApplication): void {
  const config = new DocumentBuilder()
    .setTitle('HealthCheck API')
    .setDescription(
      'A monitoring probe for one server: CPU, memory, disks, OS, load, network, processes, services, ' +
        'threshold alerts, users and roles, Discord notifications. Every error is `{"error", "message"}`.',
    )
    .setVersion('1.0.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  // A factory: the document is built at the first request for it (then kept), not at every start.
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config), { jsonDocumentUrl: 'docs-json', customSiteTitle: 'HealthCheck API' });
}
