/**
 * Checks a request's input against the center's field rules (input-rules.ts): every node and
 * field it names and nothing else, required fields filled, C within its length, N a JSON number
 * with at most its decimals, D / DT in the document's formats (protocol.md §0, §1.3).
 */
import type { SpecField, SpecNode } from '../../spec/field-rules';
import { inputRules } from './input-rules';
import { directQueryOf, SANDBOX_OPEN_NODES } from './own-fields';

export type InputVerdict = { readonly ok: true } | { readonly ok: false; readonly path: string; readonly message: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const CODE = /^[0-9A-Za-z]+$/;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const empty = (v: unknown) => v === undefined || v === null || v === '';

/** Decimals of a JSON number as written: 12.5 → 1, 1e-7 → 7. */
function decimalsOf(n: number): number {
  const [mantissa = '', exponent = '0'] = String(n).split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent));
}

/** What is wrong with one value by its field rule, or null. */
export function fieldProblem(rule: SpecField, value: unknown): string | null {
  if (empty(value)) return rule.required === 'Y' ? '必填' : null;
  switch (rule.type) {
    case 'C':
    case 'D':
    case 'DT': {
      if (typeof value !== 'string') return `应为字符串 (${rule.type})`;
      if (rule.length !== null && [...value].length > rule.length) return `长度不能超过 ${rule.length}`;
      if (rule.type === 'D' && !DATE.test(value)) return '日期格式应为 yyyy-MM-dd';
      if (rule.type === 'DT' && !DATE_TIME.test(value)) return '日期时间格式应为 yyyy-MM-dd HH:mm:ss';
      if (rule.coded && !CODE.test(value)) return '代码只能含字母和数字';
      return null;
    }
    case 'N': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return '应为数值';
      const scale = rule.scale ?? 0;
      if (decimalsOf(value) > scale) return `数值最多 ${scale} 位小数`;
      if (rule.length !== null && Math.abs(Math.trunc(value)).toString().length > rule.length - scale) {
        return `数值最多 ${rule.length - scale} 位整数`;
      }
      return null;
    }
    default:
      return null; // the rules give no type: any value
  }
}

function rowProblem(node: SpecNode, row: unknown, path: string, open = false): InputVerdict {
  if (!isRecord(row)) return { ok: false, path, message: '应为对象' };
  const rules = new Map(node.fields.map((f) => [f.field, f]));
  for (const key of open ? [] : Object.keys(row)) {
    if (!rules.has(key)) return { ok: false, path: `${path}.${key}`, message: '接口规范中没有这个字段' };
  }
  for (const rule of node.fields) {
    const problem = fieldProblem(rule, row[rule.field]);
    if (problem) return { ok: false, path: `${path}.${rule.field}`, message: problem };
  }
  return { ok: true };
}

function nodeProblem(node: SpecNode, value: unknown, path: string, open: boolean): InputVerdict {
  const needed = node.fields.some((f) => f.required === 'Y');
  if (empty(value)) return needed ? { ok: false, path, message: '缺少节点' } : { ok: true };
  if (node.shape === 'object') return rowProblem(node, value, path, open);
  if (!Array.isArray(value)) return { ok: false, path, message: '应为数组' };
  if (needed && value.length === 0) return { ok: false, path, message: '至少一条' };
  for (const [i, row] of value.entries()) {
    const verdict = rowProblem(node, row, `${path}[${i}]`, open);
    if (!verdict.ok) return verdict;
  }
  return { ok: true };
}

/** undefined: the center has no rules for this code (its handler answers "not simulated"). */
export function checkInput(infno: string, input: unknown): InputVerdict | undefined {
  const nodes = inputRules(directQueryOf(infno, input)?.readAs ?? infno);
  if (!nodes) return undefined;
  if (!isRecord(input)) return { ok: false, path: 'input', message: '应为对象' };
  const top = nodes.find((n) => n.node === '');
  const named = new Set(nodes.map((n) => n.node));
  for (const key of Object.keys(input)) {
    if (!named.has(key) && !top?.fields.some((f) => f.field === key)) {
      return { ok: false, path: key, message: '接口规范中没有这个节点' };
    }
  }
  for (const node of nodes) {
    const verdict =
      node.node === ''
        ? rowProblem(node, Object.fromEntries(Object.entries(input).filter(([k]) => !named.has(k))), 'input')
        : nodeProblem(node, input[node.node], node.node, SANDBOX_OPEN_NODES[infno]?.includes(node.node) ?? false);
    if (!verdict.ok) return verdict;
  }
  return { ok: true };
}
