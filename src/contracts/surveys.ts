import { z } from 'zod';
import { Locale, Name } from './common.ts';

// The two surveys of a workshop claim (spec §4.4, S3–S7): fixed, short question sets. The partner
// survey is answered in the app or by a partner contact through an emailed link; the customer survey
// only through its emailed link, on a public page. Both public pages share one API and tell the page
// which question set to show (`questions`).

/** Free text shown to reviewers: no control characters except line breaks and tabs. */
export const freeText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((v) => !/\p{Cc}/u.test(v.replace(/[\t\n\r]/g, '')), { message: 'control characters' });
const Text = freeText(2000);

export const PARTNER_SURVEY_ID = 'partnerSurvey.v1';
export const CUSTOMER_SURVEY_ID = 'customerSurvey.v1';

export const PartnerSurveyAnswers = z
  .strictObject({
    /** The day the workshop was delivered (calendar date). */
    deliveredOn: z.iso.date(),
    durationHours: z.number().int().min(1).max(40),
    attendees: z.number().int().min(1).max(500),
    topicsCovered: Text.min(1),
    nextSteps: Text.min(1),
  })
  .meta({ id: 'PartnerSurveyAnswers' });
export type PartnerSurveyAnswers = z.infer<typeof PartnerSurveyAnswers>;

export const CustomerSurveyAnswers = z
  .strictObject({
    satisfaction: z.number().int().min(1).max(5),
    wouldRecommend: z.boolean(),
    comments: Text.optional(),
  })
  .meta({ id: 'CustomerSurveyAnswers' });
export type CustomerSurveyAnswers = z.infer<typeof CustomerSurveyAnswers>;

export const SurveyAudience = z.enum(['partner', 'customer']);
export type SurveyAudience = z.infer<typeof SurveyAudience>;

/** `PUT /nominations/{id}/claim/surveys/partner`: the partner survey answered in the app. */
export const PartnerSurveyBody = z.strictObject({ answers: PartnerSurveyAnswers });
export type PartnerSurveyBody = z.infer<typeof PartnerSurveyBody>;

export const SurveyContact = z.strictObject({
  name: Name(),
  email: z.string().trim().max(254).pipe(z.email()),
});
export type SurveyContact = z.infer<typeof SurveyContact>;

/** `POST …/claim/surveys/partner/send`: to `contact`, or to the claim's partner contact. */
export const PartnerSurveySendBody = z.strictObject({ contact: SurveyContact.optional() });
export type PartnerSurveySendBody = z.infer<typeof PartnerSurveySendBody>;

// ── Public survey page (no sign-in; the token is the only credential) ──────────────────────────

export const SurveyTokenParams = z.object({
  token: z
    .string()
    .min(20)
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/),
});

export const PublicSurvey = z
  .object({
    audience: SurveyAudience,
    locale: Locale,
    partner: z.object({ name: z.string() }),
    customer: z.object({ name: z.string() }),
    workshop: z.object({ name: z.string() }),
    /** `completed`: already answered; the page shows a thank-you. */
    state: z.enum(['open', 'completed']),
    /** Which fixed question set to show: partnerSurvey.v1 or customerSurvey.v1. */
    questions: z.enum([PARTNER_SURVEY_ID, CUSTOMER_SURVEY_ID]),
    contactName: z.string().nullable(),
    dueAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'PublicSurvey' });
export type PublicSurvey = z.infer<typeof PublicSurvey>;

/** The answers of either question set; the server checks they are the set of the link's audience. */
export const PublicSurveyBody = z.strictObject({
  answers: z.union([PartnerSurveyAnswers, CustomerSurveyAnswers]),
});
export type PublicSurveyBody = z.infer<typeof PublicSurveyBody>;
