import { INestApplication } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { WITHOUT_DATABASE_EXTENSION } from './common/decorators/without-database.decorator';

const ERROR_SCHEMA = { $ref: '#/components/schemas/ApiErrorDto' };
const BODY_METHODS = new Set(['post', 'put', 'patch', 'delete']);

/**
 * Answers that come from the server's shared layers, not from a controller, so they are documented
 * here for every operation they can reach: Fastify parses the body of every POST/PUT/DELETE before
 * any guard runs (malformed JSON 400, over 64 KiB 413, not JSON 415), and the global write gate
 * answers 503 while the database is not writable, except on `@WithoutDatabase()` routes.
 */
const BODY_ANSWERS: Record<string, string> = {
  '400': 'Requête invalide (corps JSON mal formé, champ manquant ou invalide)',
  '413': 'Corps de la requête trop volumineux (64 Kio au plus)',
  '415': "Type de contenu non supporté : le corps doit être envoyé en 'application/json'",
};
const DATABASE_UNAVAILABLE =
  'Base de données indisponible en écriture (fichier absent, remplacé ou en lecture seule) ; en-tête Retry-After';

function addSharedAnswers(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!BODY_METHODS.has(method) || !operation || typeof operation !== 'object' || !('responses' in operation)) continue;
      const answers = { ...BODY_ANSWERS };
      if (operation[WITHOUT_DATABASE_EXTENSION] !== true) answers['503'] = DATABASE_UNAVAILABLE;
      for (const [status, description] of Object.entries(answers)) {
        operation.responses[status] ??= { description, content: { 'application/json': { schema: ERROR_SCHEMA } } };
      }
    }
  }
}

/** The OpenAPI document of the application (what `/docs-json` serves; the e2e tests check answers against it). */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('HealthCheck API')
    .setDescription(
      'A monitoring probe for one server: CPU, memory, disks, OS, load, network, processes, services, ' +
        'threshold alerts, users and roles, Discord notifications. Every error is `{"error", "message"}`.',
    )
    .setVersion('1.0.0')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addServer('/', 'This probe: the server that serves this document')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  addSharedAnswers(document);
  return document;
}

/** Swagger UI at `/docs`, the OpenAPI document at `/docs-json`. */
export function setupSwagger(app: NestFastifyApplication): void {
  // A factory: the document is built at the first request for it (then kept), not at every start.
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json', customSiteTitle: 'HealthCheck API' });
}
