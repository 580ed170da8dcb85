import { sha256Hex } from './ids.ts';

// POE uploads of the demo's workshop claims. The `files` table is content-addressed (sha256), so
// each seeded upload is a real, small, valid one-page PDF whose bytes are produced here: the
// metadata rows are seeded with the database, and whoever owns the file store can write the
// same bytes (demoFileBytes) so that "download" works too. Deterministic: same text, same hash.

export interface DemoFile {
  sha256: string;
  sizeBytes: number;
  contentType: 'application/pdf';
  fileName: string;
  bytes: Buffer;
}

/** Helvetica in a PDF speaks WinAnsi: fold what Latin-1 lacks (’, ł, ń …) to plain ASCII. */
function pdfText(text: string): string {
  return text
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '?')
    .replace(/([\\()])/g, '\\$1');
}

/** A minimal valid one-page PDF (PDF 1.4, Helvetica) showing the given lines. */
export function minimalPdf(lines: readonly string[]): Buffer {
  const content = [
    'BT /F1 12 Tf 56 780 Td 16 TL',
    ...lines.map((line, i) => `${i === 0 ? '' : 'T* '}(${pdfText(line)}) Tj`),
    'ET',
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

export function demoPdf(fileName: string, lines: readonly string[]): DemoFile {
  const bytes = minimalPdf(lines);
  return {
    sha256: sha256Hex(bytes),
    sizeBytes: bytes.length,
    contentType: 'application/pdf',
    fileName,
    bytes,
  };
}
