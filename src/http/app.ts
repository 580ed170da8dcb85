import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit, { type RateLimitPluginOptions } from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { surveyPageStatus } from '../app/claims/public-survey.ts';
import { consentPageStatus } from '../app/consent/public-consent.ts';
import { withCorrelation } from '../app/correlation.ts';
import type { AppContext } from '../app/ports.ts';
import { invitationPageStatus } from '../app/users/accept-invitation.ts';
import { DEFAULT_BODY_LIMIT, registerAuth } from './auth.ts';
import { registerDraining } from './draining.ts';
import { errorBody, handleError, sendError } from './errors.ts';
import { refuseUnstorableInput } from './input-characters.ts';
import { CORRELATION_LABEL, loggerOptions } from './logging.ts';
import { type MetricsOptions, registerMetricsRoute, registerRequestTiming } from './metrics.ts';
import { RATE_LIMITS } from './rate-limits.ts';
import { apiReferencePage, REFERENCE_CSS, REFERENCE_JS } from './reference-page.ts';
import { recordRoutes } from './route-table.ts';
import { apiTokenRoutes } from './routes/api-tokens.ts';
import { auditEventRoutes } from './routes/audit-events.ts';
import { claimRoutes } from './routes/claims.ts';
import { consentRoutes } from './routes/consent.ts';
import { customerRoutes } from './routes/customers.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { devRoutes } from './routes/dev.ts';
import { engagementRoutes } from './routes/engagements.ts';
import { healthRoutes, LIVENESS_PATH, type ReadinessChecks } from './routes/health.ts';
import { nominationImportRoutes } from './routes/nomination-imports.ts';
import { nominationRoutes } from './routes/nominations.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { oidcRoutes } from './routes/oidc.ts';
import { operatorClaimRoutes } from './routes/operator-claims.ts';
import { operatorDirectoryRoutes } from './routes/operator-directory.ts';
import { operatorEngagementRoutes } from './routes/operator-engagements.ts';
import { partnerEnrolmentRoutes } from './routes/partner-enrolment.ts';
import { partnerRoleRoutes } from './routes/partner-roles.ts';
import { partnerUserRoutes } from './routes/partner-users.ts';
import { publicConsentRoutes } from './routes/public-consent.ts';
import { publicInvitationRoutes } from './routes/public-invitations.ts';
import { publicSurveyRoutes } from './routes/public-survey.ts';
import { sessionRoutes } from './routes/session.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { contractSerializerCompiler } from './serializer.ts';
import { openApiWebhooks } from './webhook-docs.ts';

export interface HttpOptions {
  ctx: AppContext;
  /** Built SPA (dist/web); when absent, only the API is served. */
  webRoot?: string;
  logLevel?: string;
  trustProxy?: boolean;
  /** Base URL for links and the OpenID Connect redirect; by default the request's own origin. */
  publicUrl?: string | undefined;
  /** Probe of the database for the health route. */
  ping: () => Promise<void>;
  /** Where rate-limit counters live (a @fastify/rate-limit store; the database in every composition). */
  rateLimitStore: NonNullable<RateLimitPluginOptions['store']>;
  /** Further readiness checks by name (migrations, job queue: src/main/readiness.ts). */
  readiness?: ReadinessChecks;
  /** GET /metrics access (METRICS_TOKEN). */
  metrics?: MetricsOptions;
  /** The process's pino logger (shared with the jobs); by default one is made from `logLevel`. */
  logger?: FastifyBaseLogger;
}

const API_PREFIX = '/api/v1';

export async function buildHttpApp(options: HttpOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // No secrets in logs (guide: security by construction): see src/http/logging.ts.
    ...(options.logger
      ? { loggerInstance: options.logger }
      : { logger: loggerOptions(options.logLevel ?? 'info') }),
    genReqId: () => randomUUID(),
    logController: new LogController({ requestIdLogLabel: CORRELATION_LABEL }),
    requestIdHeader: false,
    // Draining answers in the error shape instead (src/http/draining.ts).
    return503OnClosing: false,
    // PGlite runs on this thread: a long statement at start-up (a catch-up sweep after a crash) on a
    // loaded machine held plugin registration past Fastify's 10 s default, and the start failed.
    pluginTimeout: 120_000,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: DEFAULT_BODY_LIMIT,
  }).withTypeProvider<ZodTypeProvider>();

  recordRoutes(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(contractSerializerCompiler);
  app.setErrorHandler(handleError);
  app.addHook('preValidation', refuseUnstorableInput);
  // Everything a request causes, jobs it enqueues included, carries its correlation id.
  app.addHook('onRequest', (request, _reply, done) => withCorrelation(request.id, done));
  registerDraining(app);
  registerRequestTiming(app);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-correlation-id', request.id);
    // Time spent in the server for this request (read by the benchmarks and browser dev tools).
    reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(2)}`);
  });

  // The test clock's offset is shared by every instance: read it before anything reads the time.
  const testClock = options.ctx.testClock;
  if (testClock)
    app.addHook('onRequest', async (request) => {
      if (!request.url.startsWith(LIVENESS_PATH)) await testClock.sync();
    });

  registerSecurityHeaders(app);
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    hook: 'preHandler',
    // Shared by every instance, on real time (src/http/rate-limits.ts has the limits themselves).
    store: options.rateLimitStore,
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error('rate limited'), { statusCode: 429, ttl: context.ttl }),
  });
  registerAuth(app, options.ctx);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'MCI workshop engagements: Customers API',
        version: '1',
        description:
          'Everything the partner UI does, as a REST API (quality §1). Errors use one shape; lists are keyset-paged; ' +
          'cookie-authenticated unsafe requests carry X-CSRF-Token; integrations send `Authorization: Bearer mci_…` (an API token) instead, with no cookie and no CSRF token.',
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'mci_session' },
          apiToken: {
            type: 'http',
            scheme: 'bearer',
            description:
              'An API token (`mci_…`) created by an Incentives admin: acts as its creator with at most their current roles, narrowed to its locations; `read` tokens change nothing. No CSRF token.',
          },
        },
      },
      security: [{ session: [] }, { apiToken: [] }],
      webhooks: openApiWebhooks(),
    },
    transform: jsonSchemaTransform,
    // Fills components.schemas with the contracts that have an id (ErrorResponse, …): the routes' $refs
    // point there, and without it they dangled (a generated client could not resolve them).
    transformObject: jsonSchemaTransformObject,
  });

  await app.register(
    async (api) => {
      await api.register(healthRoutes({ database: options.ping, ...options.readiness }));
      await api.register(sessionRoutes(options.ctx));
      await api.register(oidcRoutes(options.ctx, options.publicUrl));
      await api.register(partnerRoleRoutes(options.ctx));
      await api.register(partnerEnrolmentRoutes(options.ctx));
      await api.register(engagementRoutes(options.ctx));
      await api.register(customerRoutes(options.ctx));
      await api.register(dashboardRoutes(options.ctx));
      await api.register(nominationRoutes(options.ctx));
      await api.register(nominationImportRoutes(options.ctx));
      await api.register(operatorDirectoryRoutes(options.ctx));
      await api.register(operatorClaimRoutes(options.ctx));
      await api.register(operatorEngagementRoutes(options.ctx));
      await api.register(consentRoutes(options.ctx));
      await api.register(publicConsentRoutes(options.ctx));
      await api.register(claimRoutes(options.ctx));
      await api.register(publicSurveyRoutes(options.ctx));
      await api.register(notificationRoutes(options.ctx));
      await api.register(devRoutes(options.ctx));
      await api.register(apiTokenRoutes(options.ctx));
      await api.register(auditEventRoutes(options.ctx));
      await api.register(webhookRoutes(options.ctx));
      await api.register(partnerUserRoutes(options.ctx));
      await api.register(publicInvitationRoutes(options.ctx));
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: API_PREFIX },
  );
  registerMetricsRoute(app, options.metrics ?? { token: undefined });
  app.get('/api/docs', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(apiReferencePage()),
  );
  app.get('/api/docs/reference.css', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/css').send(REFERENCE_CSS),
  );
  app.get('/api/docs/reference.js', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/javascript').send(REFERENCE_JS),
  );

  const webRoot = options.webRoot;
  const indexHtml =
    webRoot && existsSync(join(webRoot, 'index.html'))
      ? readFileSync(join(webRoot, 'index.html'), 'utf8')
      : null;
  if (webRoot && indexHtml) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      index: false,
      cacheControl: false,
      // Vite's hashed bundles never change: cache them for a year. index.html is never cached.
      setHeaders: (reply, path) => {
        if (path.includes('/assets/')) reply.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  if (indexHtml) {
    // The public consent and survey pages are the SPA, but their HTTP status tells the truth about the link
    // (404 no longer valid, 410 expired) even to a client that runs no script.
    const publicPage =
      (statusOf: (ctx: AppContext, token: string) => Promise<200 | 404 | 410>) =>
      async (request: FastifyRequest, reply: FastifyReply) => {
        const token = (request.params as { token: string }).token;
        const status = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await statusOf(options.ctx, token) : 404;
        return reply
          .code(status)
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .header('referrer-policy', 'no-referrer')
          .send(indexHtml);
      };
    // The HTML pages count with their API twins: one limit per purpose, whichever door is used.
    app.get(
      '/consent/:token',
      { schema: { hide: true }, config: { rateLimit: RATE_LIMITS.consentView } },
      publicPage(consentPageStatus),
    );
    app.get(
      '/survey/:token',
      { schema: { hide: true }, config: { rateLimit: RATE_LIMITS.surveyView } },
      publicPage(surveyPageStatus),
    );
    app.get(
      '/invitations/:token',
      { schema: { hide: true }, config: { rateLimit: RATE_LIMITS.invitationView } },
      publicPage(invitationPageStatus),
    );
  }
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    // Client-side routes get the SPA; a missing file (e.g. an old bundle after a deploy) is a real 404.
    const isFile = path.startsWith('/assets/') || /\.[a-z0-9]+$/i.test(path);
    if (!path.startsWith('/api/') && !isFile && request.method === 'GET' && indexHtml) {
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
    }
    return sendError(reply, 404, errorBody(request, 'NotFound'));
  });

  return app;
}
