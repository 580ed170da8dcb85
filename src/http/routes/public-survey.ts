import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { answerSurvey, viewSurvey } from '../../app/claims/public-survey.ts';
import type { AppContext } from '../../app/ports.ts';
import { errorResponses } from '../../contracts/common.ts';
import { PublicSurvey, PublicSurveyBody, SurveyTokenParams } from '../../contracts/surveys.ts';
import { RATE_LIMITS } from '../rate-limits.ts';

const errors = errorResponses(400, 404, 409, 410, 429, 503);

// The public survey pages' API (spec §4.4, S3–S7): no sign-in, the single-purpose token is the
// credential. Rate-limited per address (quality §3.7); a GET never changes anything (the page POSTs).
export const publicSurveyRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/public/surveys/:token',
      {
        schema: {
          tags: ['public'],
          summary:
            'The survey behind a link: audience, names, question set, state (404 no longer valid, 410 expired)',
          params: SurveyTokenParams,
          response: { 200: PublicSurvey, ...errors },
        },
        config: { rateLimit: RATE_LIMITS.surveyView },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
        return viewSurvey(ctx, request.params.token);
      },
    );

    app.post(
      '/public/surveys/:token',
      {
        schema: {
          tags: ['public'],
          summary:
            'Answer the survey (the answers of the link’s question set); the same answers again are idempotent, other answers 409',
          params: SurveyTokenParams,
          body: PublicSurveyBody,
          response: { 200: PublicSurvey, ...errors },
        },
        config: { rateLimit: RATE_LIMITS.surveyAnswer },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
        return answerSurvey(ctx, request.params.token, request.body);
      },
    );
  };
