import { Code, List, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/*
 * Just enough Markdown for the repository's own docs (headings, paragraphs, lists, tables, code
 * blocks, `code`, **bold**, *emphasis*, [links](…)), rendered as React elements: no HTML is
 * parsed or injected, so nothing in a document can run. Links are shown as text with their
 * target, since the app works offline.
 */

/** A heading's anchor: "## The report" → "the-report". */
export const slugOf = (text: string) =>
  text
    .toLowerCase()
    .replace(/[`*]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

function inline(text: string, key: string): ReactNode[] {
  const out: ReactNode[] = [];
  const re = /(`[^`]+`)|(\*\*[^*]+\*\*)|(\*[^*\s][^*]*\*)|(\[[^\]]+\]\([^)]+\))/g;
  let last = 0;
  let m: RegExpExecArray | null = re.exec(text);
  let i = 0;
  while (m) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const t = m[0];
    const k = `${key}-${i++}`;
    if (t.startsWith('`')) out.push(<Code key={k}>{t.slice(1, -1)}</Code>);
    else if (t.startsWith('**')) out.push(<strong key={k}>{t.slice(2, -2)}</strong>);
    else if (t.startsWith('*')) out.push(<em key={k}>{t.slice(1, -1)}</em>);
    else {
      const link = /^\[([^\]]+)\]\(([^)]+)\)$/.exec(t);
      out.push(<span key={k}>{link ? `${link[1]} (${link[2]})` : t}</span>);
    }
    last = m.index + t.length;
    m = re.exec(text);
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

const cells = (line: string) =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim());

export function Markdown({ source }: { source: string }) {
  const lines = source.split('\n');
  const blocks: ReactNode[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const key = `b${i}`;
    if (line.startsWith('```')) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !(lines[i] ?? '').startsWith('```')) body.push(lines[i++] ?? '');
      i++;
      blocks.push(
        <Code key={key} block my="xs" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {body.join('\n')}
        </Code>,
      );
      continue;
    }
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    if (heading) {
      const level = Math.min(4, (heading[1] ?? '#').length) as 1 | 2 | 3 | 4;
      const text = heading[2] ?? '';
      blocks.push(
        <Title key={key} order={level} id={`doc-${slugOf(text)}`} fz={[22, 18, 15, 14][level - 1]} mt={level <= 2 ? 'lg' : 'md'} mb={4}>
          {inline(text, key)}
        </Title>,
      );
      i++;
      continue;
    }
    if (line.trim().startsWith('|')) {
      const rows: string[][] = [];
      while (i < lines.length && (lines[i] ?? '').trim().startsWith('|')) {
        const l = lines[i++] ?? '';
        if (!/^\s*\|?\s*:?-{3,}/.test(l)) rows.push(cells(l));
      }
      const [head = [], ...body] = rows;
      blocks.push(
        <Table key={key} my="xs" fz="xs" withTableBorder verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              {head.map((c, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a table's columns have no identity but their place
                <Table.Th key={j}>{inline(c, `${key}h${j}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {body.map((r, ri) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows of a static document
              <Table.Tr key={ri}>
                {r.map((c, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a table's columns have no identity but their place
                  <Table.Td key={j}>{inline(c, `${key}r${ri}c${j}`)}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>,
      );
      continue;
    }
    if (/^\s*([-*]|\d+\.)\s+/.test(line)) {
      const items: string[] = [];
      const ordered = /^\s*\d+\./.test(line);
      while (i < lines.length && /^\s*([-*]|\d+\.)\s+/.test(lines[i] ?? '')) {
        let item = (lines[i++] ?? '').replace(/^\s*([-*]|\d+\.)\s+/, '');
        // Continuation lines, indented under the item.
        while (i < lines.length && /^\s{2,}\S/.test(lines[i] ?? '') && !/^\s*([-*]|\d+\.)\s+/.test(lines[i] ?? ''))
          item += ` ${(lines[i++] ?? '').trim()}`;
        items.push(item);
      }
      blocks.push(
        <List key={key} type={ordered ? 'ordered' : 'unordered'} size="sm" my="xs" spacing={2}>
          {items.map((item, j) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: items of a static document
            <List.Item key={j}>{inline(item, `${key}i${j}`)}</List.Item>
          ))}
        </List>,
      );
      continue;
    }
    if (line.trim() === '') {
      i++;
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && (lines[i] ?? '').trim() !== '' && !/^(#{1,4}\s|```|\s*\||\s*([-*]|\d+\.)\s+)/.test(lines[i] ?? ''))
      para.push(lines[i++] ?? '');
    blocks.push(
      <Text key={key} size="sm" my={6}>
        {inline(para.join(' '), key)}
      </Text>,
    );
  }
  return <div className="markdown">{blocks}</div>;
}
