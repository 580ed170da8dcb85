import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/app/directory/csv.ts';
import { readHeader, readRow } from '../../../src/app/directory/directory-rows.ts';
import { isDomainError } from '../../../src/domain/errors.ts';

// The directory import's validation (spec §7), without a database: what a row says, and what is wrong with it.

const TENANT = '6D1C3F2A-1111-4AAA-8BBB-0123456789AB';

const rowsOf = (csv: string) => {
  const [header, ...lines] = parseCsv(csv);
  const cell = readHeader(header);
  return lines.map((line) => readRow(line, cell));
};

describe('directory rows', () => {
  it('reads a tenant in any column order, normalising ids, countries and domains', () => {
    const [row] = rowsOf(
      `domains,name,tenantId,country,tpid,seats,products\r\n"A.example; b.example",Proseware,${TENANT},us,998877,2500,Microsoft 365; Azure`,
    );
    expect(row).toEqual({
      line: 2,
      tenant: {
        id: TENANT.toLowerCase(),
        name: 'Proseware',
        tpid: 998877,
        tpidName: 'Proseware',
        country: 'US',
        segment: null,
        seats: 2500,
        products: ['Microsoft 365', 'Azure'],
        domains: ['a.example', 'b.example'],
      },
    });
  });

  it('reports every problem of a row, field by field', () => {
    const [row] = rowsOf('tenantId,name,tpid,country,seats,domains\nnot-a-guid,,0,USA,many,bad domain');
    expect(row).toEqual({
      line: 2,
      tenantId: 'not-a-guid',
      errors: [
        { field: 'tenantId', code: 'uuid' },
        { field: 'name', code: 'required' },
        { field: 'tpid', code: 'invalid' },
        { field: 'seats', code: 'invalid' },
        { field: 'country', code: 'invalid' },
        { field: 'domains', code: 'invalid' },
      ],
    });
  });

  it('refuses a file without a header or without a required column', () => {
    const codeOf = (csv: string) => {
      try {
        rowsOf(csv);
      } catch (error) {
        return isDomainError(error) ? error.details : error;
      }
    };
    expect(codeOf('')).toEqual([{ code: 'required', target: 'csv' }]);
    expect(codeOf('tenantId,country\n')).toEqual([
      { code: 'required', target: 'name' },
      { code: 'required', target: 'domains' },
    ]);
  });
});
