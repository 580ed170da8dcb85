import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { LOCALES, type Locale } from '../../../src/i18n/locales.ts';
import en from '../../../src/i18n/mail/en.json' with { type: 'json' };
import nl from '../../../src/i18n/mail/nl.json' with { type: 'json' };
import pl from '../../../src/i18n/mail/pl.json' with { type: 'json' };
import ptPT from '../../../src/i18n/mail/pt-PT.json' with { type: 'json' };
import sv from '../../../src/i18n/mail/sv.json' with { type: 'json' };
import tr from '../../../src/i18n/mail/tr.json' with { type: 'json' };
import {
  MAIL_TEMPLATES,
  type MailTemplate,
  NOTICE_KINDS,
  noticeText,
  renderMail,
} from '../../../src/i18n/mail-render.ts';

// Emails and notification sentences (spec §4.3, §5, §9; quality §3.5 header injection).

const CATALOGUES: Record<Locale, Record<string, string>> = { en, pl, sv, 'pt-PT': ptPT, tr, nl };
const LINK = 'https://mci.example.test/consent/abc123';
const NOW_ISO = '2025-03-14T10:00:00.000Z';

const consentParams = {
  contactName: 'Ada Lovelace',
  customerName: 'Contoso Ltd',
  partnerName: 'Trey Research',
  partnerContactName: 'Paul Partner',
  partnerContactEmail: 'paul@trey.example',
  partnerContactPhone: '+48 123 456 789',
  workshopName: 'Security Workshop',
  workshopDescription: 'Two days on identity and threat protection.',
  consentDueAt: NOW_ISO,
  daysLeft: 5,
  link: LINK,
};

function paramsFor(template: MailTemplate): Record<string, unknown> {
  switch (template) {
    case 'consentRequest':
    case 'consentReminder':
      return consentParams;
    case 'partnerNotice':
      return {
        kind: 'consentAccepted',
        customerName: 'Contoso Ltd',
        workshopName: 'Security Workshop',
        deadline: NOW_ISO,
        daysLeft: 90,
        link: LINK,
      };
    case 'surveyRequest':
      return {
        contactName: 'Ada Lovelace',
        customerName: 'Contoso Ltd',
        partnerName: 'Trey Research',
        workshopName: 'Security Workshop',
        audience: 'customer',
        link: LINK,
        dueAt: NOW_ISO,
      };
    case 'userInvitation':
      return {
        inviteeName: 'Nia Okafor',
        inviterName: 'Cleo Jansen',
        partnerName: 'Trey Research',
        expiresAt: NOW_ISO,
        link: LINK,
      };
  }
}

interface Usage {
  names: Set<string>;
  plurals: { name: string; options: string[] }[];
}

function usage(elements: MessageFormatElement[], u: Usage = { names: new Set(), plurals: [] }): Usage {
  for (const el of elements) {
    if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date) u.names.add(el.value);
    if (el.type === TYPE.select || el.type === TYPE.plural) {
      u.names.add(el.value);
      if (el.type === TYPE.plural) u.plurals.push({ name: el.value, options: Object.keys(el.options) });
      for (const option of Object.values(el.options)) usage(option.value, u);
    }
    if (el.type === TYPE.tag) {
      u.names.add(`<${el.value}>`);
      usage(el.children, u);
    }
  }
  return u;
}

const parsed = (message: string) => parse(message, { ignoreTag: false, requiresOtherClause: true });
const CONTROL = /[\p{Cc}\u2028\u2029]/u;

describe('catalogues', () => {
  const enKeys = Object.keys(en).sort();

  it.each(LOCALES)('%s has exactly the keys of en', (locale) => {
    expect(Object.keys(CATALOGUES[locale]).sort()).toEqual(enKeys);
  });

  it.each(LOCALES)('%s: every message is valid ICU with the same arguments as en', (locale) => {
    const failures: string[] = [];
    for (const [key, message] of Object.entries(CATALOGUES[locale])) {
      const source = (en as Record<string, string>)[key]!;
      const want = [...usage(parsed(source)).names].sort().join('|');
      const got = [...usage(parsed(message)).names].sort().join('|');
      if (want !== got) failures.push(`${key}: en {${want}} ≠ ${locale} {${got}}`);
    }
    expect(failures).toEqual([]);
  });

  it.each(LOCALES)('%s: every plural gives exactly the CLDR categories of the locale', (locale) => {
    const wanted = new Intl.PluralRules(locale).resolvedOptions().pluralCategories.slice().sort();
    const failures: string[] = [];
    for (const [key, message] of Object.entries(CATALOGUES[locale])) {
      for (const p of usage(parsed(message)).plurals) {
        const given = p.options.filter((o) => !o.startsWith('=')).sort();
        if (given.join() !== wanted.join()) failures.push(`${key}: ${given} ≠ ${wanted}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it.each(LOCALES.filter((l) => l !== 'en'))(
    '%s is translated (no message over 20 chars equals en)',
    (locale) => {
      const copies = Object.entries(CATALOGUES[locale])
        .filter(([key, message]) => message.length > 20 && message === (en as Record<string, string>)[key])
        .map(([key]) => key);
      expect(copies).toEqual([]);
    },
  );

  it('uses Partner Center consent vocabulary', () => {
    expect(pl['mail.consentRequest.meaningHeading']).toContain('zgoda klienta');
    expect(sv['mail.consentRequest.meaningHeading']).toContain('kundens medgivande');
    expect(ptPT['mail.consentRequest.meaningHeading']).toContain('consentimento do cliente');
    expect(tr['mail.consentRequest.meaningHeading']).toContain('Müşteri onayı');
    expect(nl['mail.consentRequest.meaningHeading']).toContain('toestemming van de klant');
  });
});

describe('renderMail', () => {
  describe.each(LOCALES)('%s', (locale) => {
    it.each(MAIL_TEMPLATES)(
      '%s renders subject, text and html with the link and the workshop',
      (template) => {
        const mail = renderMail(template, locale, paramsFor(template));
        expect(mail.subject.trim()).not.toBe('');
        expect(mail.text.trim()).not.toBe('');
        expect(mail.html.trim()).not.toBe('');
        expect(mail.subject).not.toMatch(CONTROL);
        for (const part of [mail.text, mail.html]) {
          expect(part).toContain(LINK);
          // An invitation to a colleague names no workshop: it names the organisation and who invites.
          if (template === 'userInvitation')
            expect(part).toMatch(/Trey Research[\s\S]*Cleo Jansen|Cleo Jansen[\s\S]*Trey Research/);
          else expect(part).toContain('Security Workshop');
        }
        expect(mail.text).toContain(`\n${LINK}\n`);
        expect(mail.html).toContain(`href="${LINK}"`);
        expect(mail.html).toContain(`<html lang="${locale}"`);
        expect(mail.html).toMatch(/<title>[^<]+<\/title>/);
        expect(mail.html).toMatch(/<h1[^>]*>[^<]+<\/h1>/);
        expect(mail.html).not.toMatch(/<img|<script|<link|src=|url\(/i);
      },
    );

    it('partnerNotice renders every kind and leads with the notice sentence', () => {
      for (const kind of NOTICE_KINDS) {
        const params = {
          ...paramsFor('partnerNotice'),
          kind,
          deadlineKind: 'claim',
          comment: 'Please add the invoice.',
        };
        const mail = renderMail('partnerNotice', locale, params);
        const sentence = noticeText(locale, kind, params);
        expect(mail.text).toContain(sentence);
        expect(mail.text).toContain('Please add the invoice.');
        expect(mail.subject).toContain('Contoso Ltd');
      }
    });

    it('surveyRequest renders both audiences differently', () => {
      const customer = renderMail('surveyRequest', locale, paramsFor('surveyRequest'));
      const partner = renderMail('surveyRequest', locale, {
        ...paramsFor('surveyRequest'),
        audience: 'partner',
      });
      expect(partner.subject).not.toBe(customer.subject);
      expect(partner.text).toContain(LINK);
    });
  });

  it('consentRequest (en) says what consent means, the deadline, the contact and the safety notes', () => {
    const { subject, text } = renderMail('consentRequest', 'en', consentParams);
    expect(subject).toBe('Trey Research asks for your consent: Security Workshop');
    expect(text).toContain('Hello Ada Lovelace,');
    expect(text).toContain('free of charge for Contoso Ltd');
    expect(text).toContain('Only one partner can deliver this workshop');
    expect(text).toContain('you can also decline');
    expect(text).toContain('the program may contact you');
    expect(text).toContain('Please respond by March 14, 2025. 5 days left.');
    expect(text).toContain('Review and respond:\nhttps://');
    expect(text).toContain('Name: Paul Partner');
    expect(text).toContain('Email: paul@trey.example');
    expect(text).toContain('Phone: +48 123 456 789');
    expect(text).toContain('Two days on identity and threat protection.');
    expect(text).toContain('do not forward');
    expect(text).toContain('you can ignore it');
  });

  it('leaves out an absent phone and an empty description', () => {
    const { text } = renderMail('consentRequest', 'en', {
      ...consentParams,
      partnerContactPhone: null,
      workshopDescription: '',
    });
    expect(text).not.toContain('Phone:');
    expect(text).not.toContain('About the workshop');
  });

  it('consentReminder is a reminder and mentions the days left', () => {
    const request = renderMail('consentRequest', 'en', consentParams);
    const reminder = renderMail('consentReminder', 'en', { ...consentParams, daysLeft: 1 });
    expect(reminder.subject).toMatch(/^Reminder: /);
    expect(reminder.text).toContain('1 day left.');
    expect(reminder.text.length).toBeLessThan(request.text.length);
  });

  it('formats dates in the locale, in UTC', () => {
    const late = { ...consentParams, consentDueAt: '2025-01-31T23:30:00Z' };
    expect(renderMail('consentRequest', 'pl', late).text).toContain('31 stycznia 2025');
    expect(renderMail('consentRequest', 'pt-PT', late).text).toContain('31 de janeiro de 2025');
    expect(renderMail('consentRequest', 'tr', late).text).toContain('31 Ocak 2025');
  });

  it('Polish days left: 1 dzień, 2 dni, 5 dni, 22 dni', () => {
    const text = (daysLeft: number) =>
      renderMail('consentRequest', 'pl', { ...consentParams, daysLeft }).text;
    expect(text(1)).toContain('Został 1 dzień.');
    expect(text(2)).toContain('Zostały 2 dni.');
    expect(text(5)).toContain('Zostało 5 dni.');
    expect(text(22)).toContain('Zostały 22 dni.');
    const notice = (daysLeft: number) =>
      noticeText('pl', 'deadlineSoon', { ...paramsFor('partnerNotice'), deadlineKind: 'consent', daysLeft });
    expect(notice(1)).toMatch(/1 dzień/);
    expect(notice(2)).toMatch(/2 dni/);
    expect(notice(5)).toMatch(/5 dni/);
  });

  it('Portuguese uses the many form for a million days', () => {
    expect(renderMail('consentRequest', 'pt-PT', { ...consentParams, daysLeft: 1_000_000 }).text).toContain(
      'de dias',
    );
    expect(renderMail('consentRequest', 'pt-PT', { ...consentParams, daysLeft: 1 }).text).toContain(
      'Falta 1 dia.',
    );
  });

  describe('safety', () => {
    it('a customer name with CR/LF cannot inject headers', () => {
      for (const template of MAIL_TEMPLATES) {
        for (const evil of ['Contoso\r\nBcc: x@y', 'Contoso\u2028Bcc: x@y', 'Contoso\u0085Bcc:\u0000 x@y']) {
          const mail = renderMail(template, 'en', { ...paramsFor(template), customerName: evil });
          expect(mail.subject).not.toMatch(/[\r\n]/);
          expect(mail.subject).not.toMatch(CONTROL);
          expect(mail.text).not.toContain('\r');
          expect(mail.text).not.toMatch(/\nBcc:/);
        }
      }
      expect(
        renderMail('partnerNotice', 'en', { ...paramsFor('partnerNotice'), customerName: 'A\r\nBcc: x@y' })
          .subject,
      ).toContain('A Bcc: x@y');
    });

    it('escapes HTML in every param', () => {
      const evil = '<script>alert("x")</script> & \'y\'';
      for (const template of MAIL_TEMPLATES) {
        const params = Object.fromEntries(
          Object.entries(paramsFor(template)).map(([k, v]) =>
            typeof v === 'string' &&
            !['link', 'kind', 'audience', 'consentDueAt', 'dueAt', 'deadline'].includes(k)
              ? [k, evil]
              : [k, v],
          ),
        );
        const { html, text } = renderMail(template, 'en', { ...params, comment: evil });
        expect(html).not.toContain('<script');
        expect(html).not.toContain('"x"');
        expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
        expect(text).toContain(evil);
      }
    });

    it('renders no href for a javascript: or other non-http link', () => {
      for (const link of [
        'javascript:alert(1)',
        'JAVASCRIPT:alert(1)',
        'data:text/html,x',
        '//evil.test/x',
        'https://a b.test',
        '',
      ]) {
        for (const template of MAIL_TEMPLATES) {
          const { html, text } = renderMail(template, 'en', { ...paramsFor(template), link });
          expect(html).not.toContain('href=');
          if (link) expect(text).not.toContain(link);
        }
      }
    });

    it('accepts http and https links and escapes them in the href', () => {
      const link = 'http://localhost:3000/consent/x?a=1&b="2"';
      const { html } = renderMail('consentRequest', 'en', { ...consentParams, link });
      expect(html).toContain('href="http://localhost:3000/consent/x?a=1&amp;b=&quot;2&quot;"');
    });

    it('never renders non-text params as text', () => {
      const { text } = renderMail('consentRequest', 'en', {
        ...consentParams,
        customerName: { toString: () => 'X' },
      });
      expect(text).not.toContain('[object');
      expect(text).not.toContain('X');
    });
  });
});

describe('noticeText', () => {
  const base = {
    customerName: 'Contoso Ltd',
    workshopName: 'Security Workshop',
    deadline: NOW_ISO,
    daysLeft: 3,
    deadlineKind: 'consent',
  };

  it.each(LOCALES)('%s: every kind gives a non-empty single-line sentence', (locale) => {
    for (const kind of NOTICE_KINDS) {
      const sentence = noticeText(locale, kind, base);
      expect(sentence.trim()).not.toBe('');
      expect(sentence).toContain('Contoso Ltd');
      expect(sentence).not.toMatch(CONTROL);
    }
  });

  it.each(LOCALES)('%s: superseded never names a partner', (locale) => {
    const sentence = noticeText(locale, 'superseded', {
      ...base,
      partnerName: 'Winning Partner Inc',
      otherPartnerName: 'Winning Partner Inc',
      winnerName: 'Winning Partner Inc',
    });
    expect(sentence).not.toContain('Winning Partner');
    const mail = renderMail('partnerNotice', locale, {
      ...base,
      kind: 'superseded',
      partnerName: 'Winning Partner Inc',
      link: LINK,
    });
    expect(`${mail.subject}${mail.text}${mail.html}`).not.toContain('Winning Partner');
  });

  it.each(LOCALES)('%s: deadlineSoon differs by deadline kind and falls back without a count', (locale) => {
    const texts = ['consent', 'claim', 'dispute'].map((deadlineKind) =>
      noticeText(locale, 'deadlineSoon', { ...base, deadlineKind }),
    );
    expect(new Set(texts).size).toBe(3);
    for (const t of texts) expect(t).toContain('3');
    const generic = noticeText(locale, 'deadlineSoon', { ...base, daysLeft: undefined });
    expect(generic).toContain('Contoso Ltd');
    expect(texts).not.toContain(generic);
  });

  it('English sentences read as expected', () => {
    expect(noticeText('en', 'superseded', base)).toBe(
      'The customer Contoso Ltd gave consent to another partner for the workshop Security Workshop.',
    );
    expect(noticeText('en', 'deadlineSoon', { ...base, daysLeft: 1, deadlineKind: 'dispute' })).toBe(
      '1 day left to dispute the rejected workshop claim for Contoso Ltd (Security Workshop).',
    );
    expect(noticeText('en', 'deadlineSoon', { ...base, daysLeft: 0 })).toMatch(/^Today is the last day/);
  });

  it('rejects an unknown kind', () => {
    expect(() => noticeText('en', 'nope' as never, base)).toThrow(TypeError);
    expect(() => renderMail('partnerNotice', 'en', { ...base, kind: 'nope', link: LINK })).toThrow(TypeError);
  });
});

describe('punctuation', () => {
  it('a company name ending with a full stop does not double it at the end of a sentence', () => {
    const text = noticeText('en', 'consentAccepted', {
      customerName: 'Fabrikam, Inc.',
      workshopName: 'Copilot Workshop.',
    });
    expect(text).not.toContain('..');
    expect(text).toContain('Fabrikam, Inc.');
  });
});
