import { api } from './client.ts';
import type { PublicSurvey, PublicSurveyBody } from './types.ts';

// The public survey page's API (spec §4.4, S3–S7): no sign-in, the link's token is the credential.

const path = (token: string) => `/public/surveys/${encodeURIComponent(token)}`;

export const publicSurveyApi = {
  get: (token: string, signal?: AbortSignal) =>
    api.get<PublicSurvey>(path(token), { signal, expectUnauthorized: true }),
  answer: (token: string, body: PublicSurveyBody) =>
    api.post<PublicSurvey>(path(token), body, { expectUnauthorized: true }),
};
