import { resolve } from 'node:path';
import { z } from 'zod';

// All configuration comes from environment variables (spec §10), read and validated once at start-up.
const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true');

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  MCI_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('MCI Incentives <no-reply@mci.example>'),
  PUBLIC_URL: z.string().url().optional(),
  MCI_TEST_CLOCK: flag,
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(8),
  MAIL_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  JOB_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  JOB_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(86400).optional(),
  MCI_SEED_DEMO: z.enum(['auto', 'never']).default('auto'),
  MCI_ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 90)
    .default(12),
  TRUST_PROXY: flag,
  DIRECTORY_DISCOVERY_URL: z.string().url().optional(),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_ALLOW_HTTP: flag,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('warn'),
  METRICS_TOKEN: z.string().min(16).optional(),
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(3600).default(20),
  MCI_WEBHOOKS_ALLOW_PRIVATE: flag,
  WEBHOOK_RETRY_DELAYS_SECONDS: z
    .string()
    .regex(/^\d{1,6}(,\d{1,6}){0,19}$/)
    .default('5,300,1800,7200,18000,36000,36000')
    .transform((v) => v.split(',').map(Number)),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  publicUrl: string | undefined;
  testClock: boolean;
  /** Delivery attempts before an email is marked failed, and the first retry delay (doubling). */
  mailMaxAttempts: number;
  mailRetryDelaySeconds: number;
  /** How often lost jobs are found and retried, and an override of every job's time-out. */
  jobMaintenanceSeconds: number;
  jobTimeoutSeconds: number | undefined;
  seedDemo: 'auto' | 'never';
  role: 'all' | 'api' | 'worker';
  sessionTtlHours: number;
  trustProxy: boolean;
  /** Entra-discovery directory base URL (spec §7); the embedded directory when absent. */
  directoryUrl: string | undefined;
  oidc:
    | { issuer: string; clientId: string; clientSecret: string | undefined; allowHttp: boolean }
    | undefined;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  /** Bearer token for GET /metrics; without it only loopback peers may read them (ADR 0014). */
  metricsToken: string | undefined;
  /** How long a stop waits for in-flight requests and running jobs (SIGTERM, SIGINT). */
  shutdownGraceSeconds: number;
  /** Webhooks (issue 14): http and private targets allowed (tests, development); the retry schedule. */
  webhooksAllowPrivate: boolean;
  webhookRetryDelaysSeconds: number[];
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.MCI_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    publicUrl: e.PUBLIC_URL,
    testClock: e.MCI_TEST_CLOCK,
    mailMaxAttempts: e.MAIL_MAX_ATTEMPTS,
    mailRetryDelaySeconds: e.MAIL_RETRY_DELAY_SECONDS,
    jobMaintenanceSeconds: e.JOB_MAINTENANCE_SECONDS,
    jobTimeoutSeconds: e.JOB_TIMEOUT_SECONDS,
    seedDemo: e.MCI_SEED_DEMO,
    role: e.MCI_ROLE,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    trustProxy: e.TRUST_PROXY,
    directoryUrl: e.DIRECTORY_DISCOVERY_URL,
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID
        ? {
            issuer: e.OIDC_ISSUER,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET,
            allowHttp: e.OIDC_ALLOW_HTTP,
          }
        : undefined,
    logLevel: e.LOG_LEVEL,
    metricsToken: e.METRICS_TOKEN,
    shutdownGraceSeconds: e.SHUTDOWN_GRACE_SECONDS,
    webhooksAllowPrivate: e.MCI_WEBHOOKS_ALLOW_PRIVATE,
    webhookRetryDelaysSeconds: e.WEBHOOK_RETRY_DELAYS_SECONDS,
  };
}
