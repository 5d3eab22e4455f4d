import { z } from 'zod';
import { errorResponse, type ApiApp } from '../http/types.ts';
import type { Services } from '../services.ts';
import { ROPA_CONTENT_TYPES, ROPA_FORMATS, ropaCsv, ropaXlsx } from './ropa-export.ts';

/** GET /api/v1/ropa: the Article 30 record of the current register, as a download. */
export function registerRopaRoutes(app: ApiApp, services: Services): void {
  app.get(
    '/api/v1/ropa',
    {
      schema: {
        summary: 'The record of processing activities (UK GDPR Art 30) as CSV or XLSX',
        tags: ['ropa'],
        querystring: z.object({ format: z.enum(ROPA_FORMATS).default('csv') }),
        response: {
          200: z.any().describe('the CSV text or XLSX workbook'),
          400: errorResponse,
          404: errorResponse,
        },
      },
    },
    async (request, reply) => {
      const register = await services.register.getCurrentRegister();
      const format = request.query.format;
      const body = format === 'csv' ? ropaCsv(register) : await ropaXlsx(register, services.now());
      const date = services.now().toISOString().slice(0, 10);
      return reply
        .type(ROPA_CONTENT_TYPES[format])
        .header('content-disposition', `attachment; filename="record-of-processing-${date}.${format}"`)
        .send(body);
    },
  );
}
