import { IntlMessageFormat } from 'intl-messageformat';
import { DEFAULT_LOCALE, isLocale, type Locale } from './locales.ts';
import en from './mail/en.json' with { type: 'json' };
import nl from './mail/nl.json' with { type: 'json' };
import pl from './mail/pl.json' with { type: 'json' };
import ptPT from './mail/pt-PT.json' with { type: 'json' };
import sv from './mail/sv.json' with { type: 'json' };
import tr from './mail/tr.json' with { type: 'json' };

// Emails and in-app notification sentences, rendered per recipient in their own locale (spec §9).
// Pure: no I/O, no clock. Every param is untrusted text (quality §3.5): it is reduced to one line for
// subjects and text, HTML-escaped for HTML, and only a http(s) `link` ever becomes an href.

export const MAIL_TEMPLATES = [
  'consentRequest',
  'consentReminder',
  'partnerNotice',
  'surveyRequest',
  'userInvitation',
] as const;
export type MailTemplate = (typeof MAIL_TEMPLATES)[number];
export const NOTICE_KINDS = [
  'consentAccepted',
  'consentDeclined',
  'consentExpired',
  'superseded',
  'claimExpired',
  'actionRequired',
  'claimApproved',
  'claimRejected',
  'claimRejectedFinal',
  'reviewExpired',
  'disputeExpired',
  'deadlineSoon',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

type MailKey = keyof typeof en;
type Catalogue = Record<MailKey, string>;

const CATALOGUES: Record<Locale, Catalogue> = { en, pl, sv, 'pt-PT': ptPT, tr, nl };
const DEADLINE_KINDS = ['consent', 'claim', 'dispute'] as const;

// ---- text safety -------------------------------------------------------------------------------

// C0/C1 controls (CR, LF, TAB, NEL, …), the Unicode line and paragraph separators, and the bidi
// embedding/override/isolate controls (which can disguise a name): each becomes a space.
const UNSAFE_CHARS = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/gu;

/** One line of plain text: controls replaced by spaces, runs of spaces collapsed, trimmed. */
function oneLine(value: string): string {
  return value.replace(UNSAFE_CHARS, ' ').replace(/ {2,}/g, ' ').trim();
}

/** A param as safe single-line text; anything that is not a string or a finite number is empty. */
function textParam(value: unknown): string {
  if (typeof value === 'string') return oneLine(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

function countParam(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? Math.max(0, value) : undefined;
}

/** Only an absolute http(s) address without spaces or controls may become a link (else none). */
function safeLink(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (!/^https?:\/\/[^\s/?#]/i.test(value) || /[\s\p{Cc}\u2028\u2029]/u.test(value)) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? value : undefined;
  } catch {
    return undefined;
  }
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** "long" date in the locale, in UTC; an unparsable value is shown as the (cleaned) text it was. */
function formatDate(locale: Locale, value: unknown): string {
  const raw = textParam(value);
  if (raw === '') return '';
  const date = new Date(raw);
  if (Number.isNaN(date.getTime())) return raw;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

// ---- messages ----------------------------------------------------------------------------------

const formats = new Map<string, IntlMessageFormat>();

function msg(locale: Locale, key: MailKey, values: Record<string, string | number> = {}): string {
  const id = `${locale}\u0000${key}`;
  let format = formats.get(id);
  if (!format) {
    format = new IntlMessageFormat(CATALOGUES[locale][key] ?? en[key], locale, undefined, {
      ignoreTag: true,
    });
    formats.set(id, format);
  }
  // A name that ends a sentence and itself ends with a full stop ("Fabrikam, Inc.") gets one, not two.
  return String(format.format(values)).replace(/\.\.(?=\s|$)/g, '.');
}

function resolveLocale(locale: Locale): Locale {
  return isLocale(locale) ? locale : DEFAULT_LOCALE;
}

function isNoticeKind(value: unknown): value is NoticeKind {
  return typeof value === 'string' && (NOTICE_KINDS as readonly string[]).includes(value);
}

/** One localised sentence for the in-app notification bell. */
export function noticeText(locale: Locale, kind: NoticeKind, params: Record<string, unknown>): string {
  const loc = resolveLocale(locale);
  if (!isNoticeKind(kind)) throw new TypeError(`unknown notice kind: ${String(kind)}`);
  // Only these params are ever read: `superseded` has no way to name the partner that won (§4.3).
  const values = {
    customerName: textParam(params.customerName),
    workshopName: textParam(params.workshopName),
  };
  if (kind === 'deadlineSoon') {
    const daysLeft = countParam(params.daysLeft);
    const deadlineKind = DEADLINE_KINDS.find((k) => k === params.deadlineKind);
    if (daysLeft === undefined || deadlineKind === undefined)
      return oneLine(msg(loc, 'notice.deadlineSoon.generic', values));
    return oneLine(msg(loc, `notice.deadlineSoon.${deadlineKind}`, { ...values, daysLeft }));
  }
  return oneLine(msg(loc, `notice.${kind}`, values));
}

// ---- document model: one list of blocks, rendered as text and as HTML --------------------------

type Block =
  | { type: 'p'; text: string }
  | { type: 'h2'; text: string }
  | { type: 'list'; items: string[] }
  | { type: 'quote'; text: string }
  | { type: 'lines'; lines: string[] }
  | { type: 'button'; label: string; href: string; fallback: string }
  | { type: 'note'; text: string };

interface Mail {
  subject: string;
  heading: string;
  blocks: Block[];
}

function renderText(mail: Mail): string {
  const parts = [mail.heading];
  for (const block of mail.blocks) {
    switch (block.type) {
      case 'p':
      case 'note':
      case 'h2':
        parts.push(block.text);
        break;
      case 'quote':
        parts.push(`> ${block.text}`);
        break;
      case 'list':
        parts.push(block.items.map((item) => `- ${item}`).join('\n'));
        break;
      case 'lines':
        parts.push(block.lines.join('\n'));
        break;
      case 'button':
        parts.push(`${block.label}:\n${block.href}`);
        break;
    }
  }
  return `${parts.join('\n\n')}\n`;
}

const FONT = "font-family:'Segoe UI',Helvetica,Arial,sans-serif;";
const P_STYLE = 'margin:0 0 16px 0;font-size:16px;line-height:24px;color:#242424;';
const NOTE_STYLE = 'margin:0 0 8px 0;font-size:14px;line-height:20px;color:#424242;';

function renderHtml(locale: Locale, mail: Mail): string {
  const body: string[] = [];
  for (const block of mail.blocks) {
    switch (block.type) {
      case 'p':
        body.push(`<p style="${P_STYLE}">${escapeHtml(block.text)}</p>`);
        break;
      case 'h2':
        body.push(
          `<h2 style="margin:24px 0 8px 0;font-size:18px;line-height:24px;color:#242424;">${escapeHtml(block.text)}</h2>`,
        );
        break;
      case 'quote':
        body.push(
          `<blockquote style="margin:0 0 16px 0;padding:8px 16px;border-left:4px solid #616161;font-size:16px;line-height:24px;color:#242424;">${escapeHtml(block.text)}</blockquote>`,
        );
        break;
      case 'list':
        body.push(
          `<ul style="margin:0 0 16px 0;padding-left:24px;font-size:16px;line-height:24px;color:#242424;">${block.items
            .map((item) => `<li style="margin:0 0 8px 0;">${escapeHtml(item)}</li>`)
            .join('')}</ul>`,
        );
        break;
      case 'lines':
        body.push(`<p style="${P_STYLE}">${block.lines.map(escapeHtml).join('<br>')}</p>`);
        break;
      case 'button': {
        const href = escapeHtml(block.href);
        body.push(
          `<p style="margin:24px 0;"><a href="${href}" style="display:inline-block;padding:12px 24px;background-color:#0f6cbd;color:#ffffff;font-size:16px;line-height:24px;font-weight:600;text-decoration:none;border-radius:4px;">${escapeHtml(block.label)}</a></p>`,
          `<p style="${NOTE_STYLE}">${escapeHtml(block.fallback)}<br><a href="${href}" style="color:#0f548c;text-decoration:underline;word-break:break-all;">${href}</a></p>`,
        );
        break;
      }
      case 'note':
        body.push(`<p style="${NOTE_STYLE}">${escapeHtml(block.text)}</p>`);
        break;
    }
  }
  const title = escapeHtml(mail.subject);
  return [
    '<!DOCTYPE html>',
    `<html lang="${locale}" dir="ltr">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light">',
    `<title>${title}</title>`,
    '</head>',
    `<body style="margin:0;padding:0;background-color:#f5f5f5;${FONT}">`,
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f5f5f5;">',
    '<tr><td align="center" style="padding:24px 12px;">',
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;background-color:#ffffff;border:1px solid #e0e0e0;border-radius:8px;">`,
    `<tr><td style="padding:32px 32px 24px 32px;${FONT}">`,
    `<h1 style="margin:0 0 24px 0;font-size:24px;line-height:32px;font-weight:600;color:#242424;">${escapeHtml(mail.heading)}</h1>`,
    ...body,
    '</td></tr>',
    '</table>',
    '</td></tr>',
    '</table>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

// ---- templates ---------------------------------------------------------------------------------

function greeting(locale: Locale, name: string): Block {
  return {
    type: 'p',
    text: name ? msg(locale, 'mail.common.greeting', { name }) : msg(locale, 'mail.common.greetingNoName'),
  };
}

function button(locale: Locale, label: MailKey, link: string | undefined): Block[] {
  if (!link) return [];
  return [
    {
      type: 'button',
      label: msg(locale, label),
      href: link,
      fallback: msg(locale, 'mail.common.linkFallback'),
    },
  ];
}

function consentMail(locale: Locale, params: Record<string, unknown>, reminder: boolean): Mail {
  const v = {
    partnerName: textParam(params.partnerName),
    customerName: textParam(params.customerName),
    workshopName: textParam(params.workshopName),
  };
  const dueDate = formatDate(locale, params.consentDueAt);
  const daysLeft = countParam(params.daysLeft);
  const description = textParam(params.workshopDescription);
  const link = safeLink(params.link);

  const deadline: Block[] = [];
  if (dueDate && daysLeft !== undefined)
    deadline.push({ type: 'p', text: msg(locale, 'mail.consent.deadline', { dueDate, daysLeft }) });
  else if (dueDate)
    deadline.push({ type: 'p', text: msg(locale, 'mail.consent.deadlineNoCount', { dueDate }) });

  const contactLines = [
    textParam(params.partnerContactName) &&
      msg(locale, 'mail.common.contactName', { name: textParam(params.partnerContactName) }),
    textParam(params.partnerContactEmail) &&
      msg(locale, 'mail.common.contactEmail', { email: textParam(params.partnerContactEmail) }),
    textParam(params.partnerContactPhone) &&
      msg(locale, 'mail.common.contactPhone', { phone: textParam(params.partnerContactPhone) }),
  ].filter((line) => line !== '');
  const contact: Block[] =
    contactLines.length > 0
      ? [
          { type: 'h2', text: msg(locale, 'mail.common.contactHeading', v) },
          { type: 'lines', lines: contactLines },
        ]
      : [];
  const notes: Block[] = [
    { type: 'note', text: msg(locale, 'mail.common.personalLink') },
    { type: 'note', text: msg(locale, 'mail.common.ignore') },
  ];

  if (reminder) {
    return {
      subject: msg(locale, 'mail.consentReminder.subject', v),
      heading: msg(locale, 'mail.consentReminder.heading'),
      blocks: [
        greeting(locale, textParam(params.contactName)),
        { type: 'p', text: msg(locale, 'mail.consentReminder.intro', v) },
        ...deadline,
        { type: 'p', text: msg(locale, 'mail.consentReminder.summary', v) },
        ...button(locale, 'mail.consent.button', link),
        ...contact,
        ...notes,
      ],
    };
  }
  return {
    subject: msg(locale, 'mail.consentRequest.subject', v),
    heading: msg(locale, 'mail.consentRequest.heading', v),
    blocks: [
      greeting(locale, textParam(params.contactName)),
      { type: 'p', text: msg(locale, 'mail.consentRequest.intro', v) },
      ...(description
        ? ([
            { type: 'h2', text: msg(locale, 'mail.consentRequest.aboutHeading') },
            { type: 'quote', text: description },
          ] as Block[])
        : []),
      { type: 'h2', text: msg(locale, 'mail.consentRequest.meaningHeading') },
      {
        type: 'list',
        items: [
          msg(locale, 'mail.consentRequest.meaning.partner', v),
          msg(locale, 'mail.consentRequest.meaning.contact', v),
          msg(locale, 'mail.consentRequest.meaning.cost', v),
          msg(locale, 'mail.consentRequest.meaning.onePartner', v),
          msg(locale, 'mail.consentRequest.meaning.refuse', v),
        ],
      },
      ...deadline,
      ...button(locale, 'mail.consent.button', link),
      ...contact,
      ...notes,
    ],
  };
}

function partnerNoticeMail(locale: Locale, params: Record<string, unknown>): Mail {
  const kind = params.kind;
  if (!isNoticeKind(kind)) throw new TypeError(`unknown notice kind: ${String(kind)}`);
  const v = { customerName: textParam(params.customerName), workshopName: textParam(params.workshopName) };
  const deadline = formatDate(locale, params.deadline);
  const daysLeft = countParam(params.daysLeft);
  const comment = textParam(params.comment);
  const blocks: Block[] = [
    greeting(locale, ''),
    {
      type: 'p',
      text: `${noticeText(locale, kind, params)} ${msg(locale, `mail.partnerNotice.next.${kind}`)}`,
    },
  ];
  if (deadline && daysLeft !== undefined)
    blocks.push({ type: 'p', text: msg(locale, 'mail.partnerNotice.deadline', { deadline, daysLeft }) });
  else if (deadline)
    blocks.push({ type: 'p', text: msg(locale, 'mail.partnerNotice.deadlineNoCount', { deadline }) });
  if (comment) {
    blocks.push(
      { type: 'h2', text: msg(locale, 'mail.partnerNotice.commentHeading') },
      { type: 'quote', text: comment },
    );
  }
  blocks.push(...button(locale, 'mail.partnerNotice.button', safeLink(params.link)), {
    type: 'note',
    text: msg(locale, 'mail.partnerNotice.footer'),
  });
  const subject = msg(locale, `mail.partnerNotice.subject.${kind}`, v);
  return { subject, heading: subject, blocks };
}

function surveyMail(locale: Locale, params: Record<string, unknown>): Mail {
  const audience = params.audience === 'partner' ? 'partner' : 'customer';
  const v = {
    partnerName: textParam(params.partnerName),
    customerName: textParam(params.customerName),
    workshopName: textParam(params.workshopName),
  };
  const dueDate = formatDate(locale, params.dueAt);
  return {
    subject: msg(locale, `mail.surveyRequest.subject.${audience}`, v),
    heading: msg(locale, `mail.surveyRequest.heading.${audience}`),
    blocks: [
      greeting(locale, textParam(params.contactName)),
      { type: 'p', text: msg(locale, `mail.surveyRequest.intro.${audience}`, v) },
      ...(dueDate
        ? ([{ type: 'p', text: msg(locale, 'mail.surveyRequest.due', { dueDate }) }] as Block[])
        : []),
      ...button(locale, 'mail.surveyRequest.button', safeLink(params.link)),
      { type: 'note', text: msg(locale, 'mail.common.personalLink') },
      { type: 'note', text: msg(locale, 'mail.common.ignore') },
    ],
  };
}

/** Issue 15 item 2: an Account admin invites a colleague; the link sets their password. */
function invitationMail(locale: Locale, params: Record<string, unknown>): Mail {
  const v = { inviterName: textParam(params.inviterName), partnerName: textParam(params.partnerName) };
  const expiryDate = formatDate(locale, params.expiresAt);
  return {
    subject: msg(locale, 'mail.userInvitation.subject', v),
    heading: msg(locale, 'mail.userInvitation.heading', v),
    blocks: [
      greeting(locale, textParam(params.inviteeName)),
      {
        type: 'p',
        text: v.inviterName
          ? msg(locale, 'mail.userInvitation.intro', v)
          : msg(locale, 'mail.userInvitation.introNoInviter', v),
      },
      { type: 'p', text: msg(locale, 'mail.userInvitation.next') },
      ...(expiryDate
        ? ([{ type: 'p', text: msg(locale, 'mail.userInvitation.expires', { expiryDate }) }] as Block[])
        : []),
      ...button(locale, 'mail.userInvitation.button', safeLink(params.link)),
      { type: 'note', text: msg(locale, 'mail.common.personalLink') },
      { type: 'note', text: msg(locale, 'mail.common.ignore') },
    ],
  };
}

export function renderMail(
  template: MailTemplate,
  locale: Locale,
  params: Record<string, unknown>,
): RenderedMail {
  const loc = resolveLocale(locale);
  let mail: Mail;
  switch (template) {
    case 'consentRequest':
      mail = consentMail(loc, params, false);
      break;
    case 'consentReminder':
      mail = consentMail(loc, params, true);
      break;
    case 'partnerNotice':
      mail = partnerNoticeMail(loc, params);
      break;
    case 'surveyRequest':
      mail = surveyMail(loc, params);
      break;
    case 'userInvitation':
      mail = invitationMail(loc, params);
      break;
    default:
      throw new TypeError(`unknown mail template: ${String(template)}`);
  }
  // Params are already one line; the subject is cleaned once more as a whole (header injection).
  const subject = oneLine(mail.subject);
  const heading = oneLine(mail.heading);
  const safe: Mail = { subject, heading, blocks: mail.blocks };
  return { subject, text: renderText(safe), html: renderHtml(loc, safe) };
}
