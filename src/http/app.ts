import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { registerActionRoutes } from '../actions/api-routes.ts';
import { registerAuditRoutes } from '../audit/api-routes.ts';
import { registerComplaintRoutes } from '../complaints/api-routes.ts';
import { registerDiscoveryRoutes } from '../discovery/api-routes.ts';
import { registerHolidayRoutes } from '../holidays/api-routes.ts';
import { registerNoticeRoutes } from '../notices/api-routes.ts';
import { registerRegisterRoutes } from '../register/api-routes.ts';
import { registerRightsRequestRoutes } from '../rights-requests/api-routes.ts';
import { registerSystemsRoutes } from '../systems/api-routes.ts';
import type { Services } from '../services.ts';
import { registerWeb, sendNotFoundPage } from '../web/web-plugin.ts';
import { setUpErrorHandler } from './error-handler.ts';
import { requestForLog } from './log-redaction.ts';
import type { ApiApp } from './types.ts';

/**
 * Builds the HTTP application. Plugins in a fixed order: external (OpenAPI), then the app's own
 * (errors), then routes, feature by feature.
 */
export async function buildApp(services: Services): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      services.config.logLevel === 'silent'
        ? false
        : { level: services.config.logLevel, serializers: { req: requestForLog } },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Custodian API',
        description:
          'The register of processing, rights requests and the audit trail of a UK data protection regime.',
        version: '1',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  setUpErrorHandler(app, (_request, reply) => sendNotFoundPage(services, reply));
  registerRoutes(app, services);
  await registerWeb(app, services);
  await app.ready();
  return app;
}

function registerRoutes(app: ApiApp, services: Services): void {
  app.get(
    '/healthz',
    {
      schema: {
        summary: 'Liveness and store check',
        response: { 200: z.object({ status: z.literal('ok'), store: z.enum(['sqlite', 'postgres']) }) },
      },
    },
    async () => {
      await services.store.db.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
      return { status: 'ok' as const, store: services.store.dialect };
    },
  );
  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());

  registerRegisterRoutes(app, services);
  registerNoticeRoutes(app, services);
  registerAuditRoutes(app, services);
  registerHolidayRoutes(app, services);
  registerRightsRequestRoutes(app, services);
  registerDiscoveryRoutes(app, services);
  registerActionRoutes(app, services);
  registerComplaintRoutes(app, services);
  registerSystemsRoutes(app, services);
}
