#!/usr/bin/env node
// Generates src-main/spec/spec-fields.generated.ts, the spec's own field rules (type, length,
// coded, required on input / non-null on output) per transaction and node, from
// ../shared/spec/protocol.md. The sandbox center judges requests by this table, never by the
// client's schemas, so a mistake in a client schema cannot move both sides at once.
//
// The document mixes tables and inline lists ("`sign_no` (C 30, Y)") and states some nodes in
// prose ("same fields as 2207"). PLAN below says, per transaction and node, where in the
// document its fields are (anchors: text that must occur, in order, in the section) and how a
// node stated in prose is derived; every such derivation carries a quote that must occur in the
// section, so editing the document either regenerates the table or fails the generator.
// Usage: node scripts/gen-spec-fields.mjs [--check] [--spec PATH]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const specArg = args.indexOf('--spec');
const specPath = specArg >= 0 ? resolve(args[specArg + 1]) : resolve(root, '..', 'shared', 'spec', 'protocol.md');
const outPath = join(root, 'src-main', 'spec', 'spec-fields.generated.ts');

/** "1301–1311, 1313–1315" → every code of the ranges. */
function codeRanges(text) {
  return text.split(',').flatMap((part) => {
    const [from, to = from] = part.trim().split('–').map(Number);
    return Array.from({ length: to - from + 1 }, (_, k) => String(from + k));
  });
}
const FILE_CATALOGUE_RANGES = '1301–1311, 1313–1315';

const like = (infno, dir, node, quote, extra = {}) => ({ like: [infno, dir, node], quote, ...extra });

/**
 * One entry per group of transactions sharing a section. input / output: nodes, each either
 * { node, at: [anchors…], shape?, inline? } parsed from the text after the last anchor, or a
 * derivation { node, like: [infno, dir, node], quote, omit?, add? }.
 */
const PLAN = [
  {
    infnos: ['9001'],
    section: '2.1',
    input: [{ node: 'signIn', at: ['Input node `signIn`'] }],
    output: [{ node: 'signinoutb', at: ['Output node `signinoutb`'] }],
  },
  {
    infnos: ['9002'],
    section: '2.2',
    input: [{ node: 'signOut', at: ['Input node `signOut`'] }],
    output: [{ node: '', at: ['Output:'] }],
  },
  {
    infnos: ['1101'],
    section: '2.3',
    input: [{ node: 'data', at: ['Input node `data`'] }],
    output: [
      { node: 'baseinfo', at: ['`baseinfo` (object)'] },
      { node: 'insuinfo', shape: 'array', at: ['`insuinfo` (array'] },
      { node: 'idetinfo', shape: 'array', at: ['`idetinfo` (array)'] },
    ],
  },
  {
    infnos: ['2201'],
    section: '2.4',
    input: [{ node: 'data', at: ['Input node `data`'] }],
    output: [{ node: 'data', at: ['Output node `data`'] }],
  },
  { infnos: ['2202'], section: '2.5', input: [{ node: 'data', at: ['Input `data`'] }], output: [] },
  {
    infnos: ['2203', '2203A'],
    section: '2.6',
    input: [
      { node: 'mdtrtinfo', at: ['Node `mdtrtinfo`'] },
      { node: 'diseinfo', shape: 'array', at: ['Node `diseinfo` (array)'] },
    ],
    output: [],
  },
  {
    infnos: ['2204'],
    section: '2.7',
    input: [{ node: 'feedetail', shape: 'array', at: ['Input node `feedetail` (array)'] }],
    output: [{ node: 'result', shape: 'array', at: ['Output node `result` (array'] }],
  },
  { infnos: ['2205'], section: '2.8', input: [{ node: 'data', at: ['Input `data`'] }], output: [] },
  {
    infnos: ['2207'],
    section: '2.9',
    input: [{ node: 'data', at: ['Input node `data` (2207;'] }],
    output: [
      { node: 'setlinfo', at: ['Output node `setlinfo` (single)'] },
      { node: 'setldetail', shape: 'array', at: ['Output node `setldetail` (array)'] },
    ],
  },
  {
    infnos: ['2206'],
    section: '2.9',
    input: [{ node: 'data', at: ['Input node `data` (2207;'] }],
    output: [
      like('2207', 'output', 'setlinfo', 'same for 2206 (no `setl_id`, `clr_way`, `clr_optins` yet)', {
        omit: ['setl_id', 'clr_way', 'clr_optins'],
      }),
      like('2207', 'output', 'setldetail', 'Output node `setldetail` (array)'),
    ],
  },
  { alias: '2206A', of: '2206', section: '2.9', quote: '2206A / 2207A: regional "A" variants with the same input/output' },
  { alias: '2207A', of: '2207', section: '2.9', quote: '2206A / 2207A: regional "A" variants with the same input/output' },
  {
    infnos: ['2208'],
    section: '2.10',
    input: [{ node: 'data', at: ['Input `data`'] }],
    output: [
      like('2207', 'output', 'setlinfo', 'Output: `setlinfo` with negative amounts'),
      like('2207', 'output', 'setldetail', '+ `setldetail`'),
    ],
  },
  {
    infnos: ['2101', '2102'],
    section: '2.11',
    input: [
      { node: 'druginfo', at: ['Input node `druginfo` (single)'] },
      { node: 'drugdetail', shape: 'array', at: ['Input node `drugdetail` (array)'] },
    ],
    output: [
      like('2207', 'output', 'setlinfo', '`setlinfo` = same fields as 2207 (2101 has no `setl_id`', {
        omitFor: { 2101: ['setl_id'] },
      }),
      like('2207', 'output', 'setldetail', '`setldetail`\n(as 2207)'),
      like('2204', 'output', 'result', '**`detlcutinfo`** (array, per-line split: same fields as the 2204 `result` list', {
        renameTo: 'detlcutinfo',
      }),
    ],
  },
  {
    infnos: ['2103'],
    section: '2.11',
    input: [{ node: 'data', at: ['2103 input node `data`'] }],
    output: [
      like(
        '2207',
        'output',
        'setlinfo',
        'Output `setlinfo`\n(`mdtrt_id`, `setl_id`, `clr_optins`, `medfee_sumamt`, `setl_time`, all fund/personal amounts as in 2207',
      ),
      like('2207', 'output', 'setldetail', ') + `setldetail`'),
    ],
  },
  {
    infnos: ['2301'],
    section: '2.12',
    input: [{ node: 'feedetail', shape: 'array', at: ['| 2301 |', '`feedetail[]`'] }],
    output: [like('2204', 'output', 'result', 'output `result[]` like 2204')],
  },
  { infnos: ['2302'], section: '2.12', input: [{ node: 'data', shape: 'array', at: ['| 2302 |', '`data[]`'] }], output: [] },
  { infnos: ['2303'], section: '2.12', input: [{ node: 'data', at: ['| 2303 |', '`data`'] }], output: [] },
  {
    infnos: ['2304'],
    section: '2.12',
    input: [like('2303', 'input', 'data', '| 2304 | inpatient settle | as 2303; output like 2207 |')],
    output: [
      like('2207', 'output', 'setlinfo', '| 2304 | inpatient settle | as 2303; output like 2207 |'),
      like('2207', 'output', 'setldetail', '| 2304 | inpatient settle | as 2303; output like 2207 |'),
    ],
  },
  { infnos: ['2305'], section: '2.12', input: [{ node: 'data', at: ['| 2305 |', '`data`'] }], output: [] },
  {
    infnos: ['2401'],
    section: '2.12',
    input: [
      { node: 'mdtrtinfo', at: ['| 2401 |', '`mdtrtinfo`'] },
      like('2203', 'input', 'diseinfo', '`diseinfo[]` (adds `maindiag_flag`, `adm_cond`)', {
        add: ['maindiag_flag', 'adm_cond'],
      }),
    ],
    output: [{ node: 'result', fixed: ['mdtrt_id'], quote: 'output `result.mdtrt_id`' }],
  },
  {
    infnos: ['2402'],
    section: '2.12',
    input: [
      { node: 'dscginfo', at: ['| 2402 |', '`dscginfo`'] },
      like('2203', 'input', 'diseinfo', '`die_date`; `diseinfo[]` |'),
    ],
    output: [],
  },
  { infnos: ['2404'], section: '2.12', input: [{ node: 'data', at: ['| 2404 |', '`data`'] }], output: [] },
  { infnos: ['2405'], section: '2.12', input: [{ node: 'data', at: ['| 2405 |', '`data`'] }], output: [] },
  { infnos: ['2601'], section: '2.13', input: [{ node: 'data', at: ['Input node `data` (single)'] }], output: [] },
  {
    infnos: ['3201'],
    section: '2.14',
    input: [{ node: 'data', at: ['Input node `data`'] }],
    output: [{ node: 'stmtinfo', at: ['Output node `stmtinfo`'] }],
  },
  {
    infnos: ['3202'],
    section: '2.15',
    input: [{ node: 'data', at: ['Input node `data`'] }],
    output: [{ node: 'fileinfo', at: ['Output node `fileinfo`'] }],
  },
  {
    infnos: codeRanges(FILE_CATALOGUE_RANGES),
    section: '2.16',
    quote: `**${FILE_CATALOGUE_RANGES}** (file downloads)`,
    // "input `data.ver` (C20, Y, …)": the node is written into the field name.
    input: [{ node: 'data', at: ['(file downloads): '], inline: 'input ', stripPrefix: 'data.' }],
    output: [{ node: '', at: ['(file downloads)', 'Output (no node)'] }],
  },
  {
    infnos: ['1312'],
    section: '2.16',
    input: [{ node: 'data', at: ['**1312 医保目录信息查询**', 'input `data`'] }],
    // "Output rows:" names no node; `data` is what centers send (practice, not the document).
    output: [{ node: 'data', shape: 'array', nodeFrom: 'practice', at: ['**1312 医保目录信息查询**', 'Output rows'] }],
  },
  {
    infnos: ['1901'],
    section: '2.16',
    input: [{ node: 'data', at: ['**1901 字典表查询**', 'input `data`'] }],
    output: [{ node: 'list', shape: 'array', at: ['**1901 字典表查询**', 'Output `list[]`'] }],
  },
  {
    infnos: ['5203'],
    section: '2.17',
    input: [{ node: 'data', at: ['Input `data`'] }],
    output: [
      like('2207', 'output', 'setlinfo', '5203 output: `setlinfo` (like 2207)'),
      like('2207', 'output', 'setldetail', '+ `setldetail[]`'),
    ],
  },
  {
    infnos: ['5204'],
    section: '2.17',
    input: [{ node: 'data', at: ['Input `data`'] }],
    // "fee lines (…)" names no node; `feedetail` is what centers send (practice, not the document).
    output: [{ node: 'feedetail', shape: 'array', nodeFrom: 'practice', at: ['5204 output: fee lines'], inline: '(' }],
  },
  {
    infnos: ['9101'],
    section: '2.18',
    input: [{ node: 'fsUploadIn', at: ['9101 input node `fsUploadIn`'] }],
    output: [{ node: '', at: ['9101 input node', 'Output:'] }],
  },
  // 9102 answers with the ZIP's bytes, not an envelope: no output node.
  { infnos: ['9102'], section: '2.18', input: [{ node: 'fsDownloadIn', at: ['9102 input node `fsDownloadIn`'] }], output: [] },
];

// ---------------------------------------------------------------------------------------------
// The catalogue download file (§1.3, §2.16): the document states its format and names a few of its columns in
// prose. The phrases it uses for columns map to the field names below; an unknown phrase stops the generator.
const CATALOGUE_COLUMN_PHRASES = {
  'catalogue code': 'code',
  'trade name': 'name',
  'generic name': 'gennm',
  'version no.': 'ver',
  'version name': 'ver_name',
};

export function catalogueFile(md) {
  const rules = sections(md).get('1.3') ?? fail('§1.3 missing');
  const downloads = sections(md).get('2.16') ?? fail('§2.16 missing');
  const nullText = /In TXT files \(9101\/9102\) empties are the literal `([^`]+)`\./.exec(rules)?.[1];
  if (!nullText) fail('§1.3: "empties are the literal `…`" not found');
  if (!rules.includes('TXT files are UTF-8, TAB-separated, one record per line, zipped.')) {
    fail('§1.3: "TXT files are UTF-8, TAB-separated, one record per line, zipped." not found');
  }
  const ranges = /\*\*([\d–, ]+)\*\* \(file downloads\)/.exec(downloads)?.[1] ?? fail('§2.16: file download codes not found');
  // "(1301 has 92 columns: catalogue code, trade name, generic name…, version no., version name, …)": the
  // columns before the first "…" open the line in that order; those between two "…" stand together somewhere after.
  const cols = /\(\d{4} has (\d+) columns: ([^)]*)\)/.exec(downloads) ?? fail('§2.16: "has N columns:" not found');
  const groups = cols[2].split('…').map((g) =>
    g
      .split(/,\s*/)
      .map((phrase) => phrase.trim())
      .filter(Boolean)
      .map((phrase) => CATALOGUE_COLUMN_PHRASES[phrase] ?? fail(`§2.16: unknown column phrase ${JSON.stringify(phrase)}`)),
  );
  return {
    encoding: 'utf-8',
    separator: '\t',
    nullText,
    documentedColumnCount: Number(cols[1]),
    leadingColumns: groups[0],
    adjacentColumns: groups.slice(1).filter((g) => g.length > 0),
    infnos: codeRanges(ranges),
  };
}

// ---------------------------------------------------------------------------------------------
// Reading the document

export function sections(md) {
  const out = new Map();
  const lines = md.split(/\r?\n/);
  let current = null;
  for (const line of lines) {
    const h = /^### (\d+\.\d+) /.exec(line);
    if (h) {
      current = h[1];
      out.set(current, '');
      continue;
    }
    if (/^#{1,2} |^-{10,}/.test(line)) current = null;
    if (current) out.set(current, `${out.get(current)}${line}\n`);
  }
  return out;
}

function fail(msg) {
  throw new Error(`gen-spec-fields: ${msg}`);
}

/** Index just after the last of `anchors`, each searched after the previous one. */
function locate(text, anchors, where) {
  let at = 0;
  for (const a of anchors) {
    const i = text.indexOf(a, at);
    if (i < 0) fail(`${where}: anchor ${JSON.stringify(a)} not found`);
    at = i + a.length;
  }
  return at;
}

/** "C 30", "N16,2", "DT", "N 4,1" at the start of `s`; rest is what follows. */
function typeAt(s) {
  const m = /^(DT|D|C|N)(?![A-Za-z])\s*(\d+)?(?:\s*,\s*(\d+)(?!\d))?/.exec(s.trim());
  if (!m) return { type: null, length: null, scale: null, rest: s.trim() };
  return {
    type: m[1],
    length: m[2] === undefined ? null : Number(m[2]),
    scale: m[3] === undefined ? null : Number(m[3]),
    rest: s.trim().slice(m[0].length),
  };
}

/** The parenthesised note of an inline field: "(C6,coded,Y)", "(Y; `0000` = all)", "(全自费)". */
function parseNote(note) {
  const t = typeAt(note);
  const tokens = t.rest.split(/[,;—]/).map((x) => x.trim());
  return {
    type: t.type,
    length: t.length,
    scale: t.scale,
    coded: tokens.includes('coded'),
    required: tokens.some((x) => x === 'Y' || /^Y\s/.test(x)) ? 'Y' : 'N',
  };
}

/** `bilg_dept_codg/name` → bilg_dept_codg, bilg_dept_name; `acord_*` (a family the document does not list) → none. */
function expandName(name) {
  if (name.includes('*')) return [];
  const [first, ...others] = name.split('/');
  const stem = first.slice(0, first.lastIndexOf('_') + 1);
  return [first, ...others.map((o) => stem + o)];
}

function backticked(s) {
  return [...s.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
}

/**
 * An inline list: "`a` (C30,Y), `b`, `c` (N16,2)" up to the end of the sentence (". "), a
 * dash, a semicolon, a table bar or a blank line, each outside parentheses and backticks.
 */
function parseInline(text) {
  const items = [];
  let depth = 0;
  let tick = false;
  let start = 0;
  let i = 0;
  const stopAt = (j) => {
    const rest = text.slice(j);
    return (
      /^\.(\s|$)/.test(rest) ||
      rest.startsWith(' — ') ||
      rest.startsWith(';') ||
      rest.startsWith('|') ||
      rest.startsWith('\n\n') ||
      rest.startsWith(' + ')
    );
  };
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '`') tick = !tick;
    if (tick) continue;
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) break; // the list was itself inside parentheses ("fee lines (…)")
      depth--;
    } else if (depth === 0 && c === ',') {
      items.push(text.slice(start, i));
      start = i + 1;
    } else if (depth === 0 && stopAt(i)) break;
  }
  items.push(text.slice(start, i));
  const fields = [];
  for (const raw of items) {
    const item = raw.replace(/\s+/g, ' ').trim();
    const paren = item.indexOf('(');
    const head = paren >= 0 ? item.slice(0, paren) : item;
    const names = backticked(head).flatMap(expandName);
    if (names.length === 0) continue;
    const note = paren >= 0 ? item.slice(paren + 1, item.lastIndexOf(')') > paren ? item.lastIndexOf(')') : undefined) : '';
    const rule = parseNote(note);
    for (const field of names) fields.push({ field, ...rule });
  }
  return fields;
}

function cells(row) {
  return row
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim());
}

/** The row's fields a cell lists ("psn_type, cvlserv_flag"), or null when it lists none of them. */
function namedSubset(cell, names) {
  const listed = cell
    .split(',')
    .map((x) => x.replace(/`/g, '').trim())
    .filter((x) => x !== '');
  return listed.length > 0 && listed.every((n) => names.includes(n)) ? listed : null;
}

/**
 * A Len cell: "30", "16,2", or "12 (30 in some editions)" where sources disagree; then the
 * longer length, so that no edition's valid value is refused.
 */
function lengthCell(cell) {
  const t = cell.trim();
  const m = /^(\d+)(?:,(\d+))?/.exec(t);
  if (!m) return { length: null, scale: null };
  const others = [...t.matchAll(/\((\d+) in\b/g)].map((x) => Number(x[1]));
  return { length: Math.max(Number(m[1]), ...others), scale: m[2] === undefined ? null : Number(m[2]) };
}

/** A markdown table; `infno` filters rows noted "2207 only" / "2102 only". */
function parseTable(lines, infno) {
  const header = cells(lines[0]).map((h) => h.toLowerCase());
  const col = (...names) => header.findIndex((h) => names.includes(h));
  const cField = col('field');
  const cType = col('type');
  const cLen = col('len');
  const cCoded = col('coded');
  const cReq = col('req', 'non-null');
  const cNotes = col('notes');
  if (cField < 0) fail(`table without a Field column: ${lines[0]}`);
  const fields = [];
  for (const line of lines.slice(2)) {
    const c = cells(line);
    const get = (i) => (i >= 0 ? (c[i] ?? '') : '');
    const only = /\b(\d{4}[A-Z]?) only\b/.exec(get(cNotes));
    if (only && infno !== undefined && only[1] !== infno) continue;
    const names = backticked(get(cField)).flatMap(expandName);
    const typed = typeAt(get(cType));
    const type = /^[A-Z]+\s*\//.test(get(cType)) ? null : typed.type; // "C/N": a row of mixed fields
    const lens = get(cLen).split('/');
    const req = get(cReq);
    // "Y (psn_type, cvlserv_flag)": only those of the row's fields are non-null.
    const someReq = namedSubset(/^Y\s*\(([^)]*)\)/.exec(req)?.[1] ?? '', names);
    // A Coded cell of a multi-field row names the coded ones ("gend, naty").
    const someCoded = namedSubset(get(cCoded), names);
    // "[HN] adds these": required in one edition only, so required when that edition applies.
    const editionOnly = /\[[A-Z]+\][^|]*\badds\b/.test(get(cNotes));
    names.forEach((field, k) => {
      let { length, scale } = typed;
      if (length === null) ({ length, scale } = lengthCell(lens.length === names.length ? lens[k] : lens[0]));
      let required = 'N';
      if (/^Y\b/.test(req)) required = someReq && !someReq.includes(field) ? 'N' : editionOnly ? 'cond' : 'Y';
      else if (/^cond\b|^\(Y\b/.test(req)) required = 'cond';
      const coded = someCoded ? someCoded.includes(field) : get(cCoded) !== '';
      fields.push({ field, type, length, scale, coded, required });
    });
  }
  return fields;
}

/** Fields of the node whose anchors end at `at`: the table that follows, or the inline list after the colon. */
function fieldsAt(text, at, spec, infno, where) {
  if (spec.inline !== undefined) {
    const i = text.indexOf(spec.inline, at);
    if (i < 0) fail(`${where}: ${JSON.stringify(spec.inline)} not found`);
    return parseInline(text.slice(i + spec.inline.length));
  }
  const colon = text.indexOf(':', at - 1); // at - 1: the anchor may end with the colon itself
  if (colon < 0) fail(`${where}: no colon after the anchor`);
  const after = text.slice(colon + 1);
  const restOfLine = after.slice(0, after.indexOf('\n') >= 0 ? after.indexOf('\n') : after.length);
  if (restOfLine.trim() !== '') return parseInline(after);
  const lines = after.split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  if (first < 0) fail(`${where}: no table after the anchor`);
  const tableLines = [];
  for (const l of lines.slice(first)) {
    if (!l.startsWith('|')) break;
    tableLines.push(l);
  }
  return parseTable(tableLines, infno);
}

function dedupe(fields, where) {
  const seen = new Set();
  for (const f of fields) {
    if (seen.has(f.field)) fail(`${where}: field ${f.field} twice`);
    seen.add(f.field);
  }
  return fields;
}

const UNTYPED = { type: null, length: null, scale: null, coded: false, required: 'N' };

export function build(md) {
  const secs = sections(md);
  const sectionText = (s) => secs.get(s) ?? fail(`section ${s} not found`);
  const quoteIn = (s, quote, where) => {
    if (!sectionText(s).includes(quote)) fail(`${where}: quote ${JSON.stringify(quote)} not in §${s}`);
  };
  const envelope = (s) => {
    const text = sectionText(s);
    const lines = text.split('\n');
    const first = lines.findIndex((l) => l.startsWith('| #'));
    const table = [];
    for (const l of lines.slice(first)) {
      if (!l.startsWith('|')) break;
      table.push(l);
    }
    return parseTable(table).filter((f) => f.field !== 'input' && f.field !== 'output');
  };

  const tx = new Map();
  const pending = [];
  for (const entry of PLAN) {
    if (entry.alias) continue;
    const text = sectionText(entry.section);
    if (entry.quote) quoteIn(entry.section, entry.quote, entry.infnos.join('/'));
    for (const infno of entry.infnos) {
      const t = { infno, section: entry.section, input: [], output: [] };
      for (const dir of ['input', 'output']) {
        for (const spec of entry[dir]) {
          const where = `${infno} ${dir} ${spec.node ?? spec.like?.[2]}`;
          if (spec.like) {
            quoteIn(entry.section, spec.quote, where);
            const slot = { node: spec.renameTo ?? spec.like[2], shape: 'object', nodeFrom: 'document', fields: [] };
            t[dir].push(slot);
            pending.push({ slot, spec, infno, where });
            continue;
          }
          let fields;
          if (spec.fixed) {
            quoteIn(entry.section, spec.quote, where);
            fields = spec.fixed.map((field) => ({ field, ...UNTYPED }));
          } else {
            fields = fieldsAt(text, locate(text, spec.at, where), spec, infno, where);
            if (spec.stripPrefix) fields = fields.map((f) => ({ ...f, field: f.field.replace(spec.stripPrefix, '') }));
          }
          if (fields.length === 0) fail(`${where}: no fields found`);
          t[dir].push({
            node: spec.node,
            shape: spec.shape ?? 'object',
            nodeFrom: spec.nodeFrom ?? 'document',
            fields: dedupe(fields, where),
          });
        }
      }
      tx.set(infno, t);
    }
  }
  // Derivations read nodes already parsed (2207's setlinfo, 2204's result, 2203's diseinfo, 2303's data).
  for (const { slot, spec, infno, where } of pending) {
    const [src, dir, node] = spec.like;
    const from = tx.get(src)?.[dir].find((n) => n.node === node) ?? fail(`${where}: ${src} ${dir} ${node} not parsed`);
    const omit = new Set([...(spec.omit ?? []), ...(spec.omitFor?.[infno] ?? [])]);
    slot.shape = from.shape;
    slot.fields = dedupe(
      [...from.fields.filter((f) => !omit.has(f.field)), ...(spec.add ?? []).map((field) => ({ field, ...UNTYPED }))],
      where,
    );
  }
  for (const entry of PLAN) {
    if (!entry.alias) continue;
    quoteIn(entry.section, entry.quote, entry.alias);
    const of = tx.get(entry.of) ?? fail(`${entry.alias}: ${entry.of} not parsed`);
    tx.set(entry.alias, { ...of, infno: entry.alias });
  }
  return { request: envelope('1.1'), response: envelope('1.2'), transactions: [...tx.values()] };
}

function fieldLine(f) {
  return `  ${JSON.stringify(f)},`;
}

/** Identical field lists (2207's setlinfo is also 2102's, 2208's, 5203's …) are written once and shared. */
function fieldConstants(transactions) {
  const byContent = new Map();
  const names = new Map();
  for (const t of transactions) {
    for (const dir of ['input', 'output']) {
      for (const n of t[dir]) {
        const key = JSON.stringify(n.fields);
        if (!byContent.has(key)) {
          const name = `F_${t.infno}_${dir}_${n.node || 'top'}`;
          byContent.set(key, { name, fields: n.fields });
        }
        names.set(n, byContent.get(key).name);
      }
    }
  }
  return { constants: [...byContent.values()], nameOf: (n) => names.get(n) };
}

export function generate(md) {
  const { request, response, transactions } = build(md);
  const file = catalogueFile(md);
  const { constants, nameOf } = fieldConstants(transactions);
  const decls = constants
    .map((c) => `const ${c.name} = [\n${c.fields.map(fieldLine).join('\n')}\n] as const satisfies readonly SpecField[];`)
    .join('\n\n');
  const nodes = (list) =>
    list
      .map(
        (n) => `      { node: ${JSON.stringify(n.node)}, shape: '${n.shape}', nodeFrom: '${n.nodeFrom}', fields: ${nameOf(n)} },`,
      )
      .join('\n');
  const body = transactions
    .map(
      (t) =>
        `  ${JSON.stringify(t.infno)}: {\n    infno: ${JSON.stringify(t.infno)},\n    section: ${JSON.stringify(t.section)},\n    input: [\n${nodes(t.input)}\n    ],\n    output: [\n${nodes(t.output)}\n    ],\n  },`,
    )
    .join('\n');
  return `// GENERATED by scripts/gen-spec-fields.mjs from shared/spec/protocol.md — do not edit by hand.
// Regenerate with: npm run gen:spec-fields
import type { SpecCatalogueFile, SpecField, SpecTransaction } from './types';

/** §1.1 request envelope (without \`input\`). */
export const SPEC_REQUEST_ENVELOPE: readonly SpecField[] = [
${request.map(fieldLine).join('\n')}
];

/** §1.2 response envelope (without \`output\`). */
export const SPEC_RESPONSE_ENVELOPE: readonly SpecField[] = [
${response.map(fieldLine).join('\n')}
];

${decls}

/** §2: every transaction the document gives fields for (literal types: the sandbox derives its input types from them). */
export const SPEC_TRANSACTIONS = {
${body}
} as const satisfies Readonly<Record<string, SpecTransaction>>;

/** §1.3 and §2.16: the catalogue download file (9102's ZIP of TXT) as far as the document describes it. */
export const SPEC_CATALOGUE_FILE = {
  encoding: ${JSON.stringify(file.encoding)},
  separator: ${JSON.stringify(file.separator)},
  nullText: ${JSON.stringify(file.nullText)},
  /** The document's count for 1301; it lists only the columns below. */
  documentedColumnCount: ${file.documentedColumnCount},
  /** The line starts with these, in this order. */
  leadingColumns: ${JSON.stringify(file.leadingColumns)},
  /** Each group stands together, in this order, after the leading ones. */
  adjacentColumns: ${JSON.stringify(file.adjacentColumns)},
  /** Catalogues delivered as such a file. */
  infnos: ${JSON.stringify(file.infnos)},
} as const satisfies SpecCatalogueFile;
`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!existsSync(specPath)) {
    console.error(`protocol.md not found at ${specPath} (pass --spec PATH)`);
    process.exit(1);
  }
  const text = generate(readFileSync(specPath, 'utf8'));
  if (args.includes('--check')) {
    const current = existsSync(outPath) ? readFileSync(outPath, 'utf8') : '';
    if (current !== text) {
      console.error('spec field rules are stale: run npm run gen:spec-fields');
      process.exit(1);
    }
    console.log('spec field rules up to date');
  } else {
    writeFileSync(outPath, text);
    console.log(`wrote ${outPath}`);
  }
}
