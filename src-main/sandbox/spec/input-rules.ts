/**
 * The center's field rules for a request's input: protocol.md's table (src-main/spec/) with the
 * sandbox's own additions, or the sandbox's own table for codes the document does not describe.
 * Types follow the rules, so a handler reads exactly what the check let through.
 */
import { SPEC_TRANSACTIONS, type SpecField, type SpecNode } from '../../spec/field-rules';
import { SANDBOX_ALIASES, SANDBOX_OWN_TRANSACTIONS, SANDBOX_SPEC_ADDITIONS } from './own-fields';

type Spec = typeof SPEC_TRANSACTIONS;
type Own = typeof SANDBOX_OWN_TRANSACTIONS;
type Add = typeof SANDBOX_SPEC_ADDITIONS;
type Aliases = typeof SANDBOX_ALIASES;

/** Every code the center has input rules for. */
export type SandboxInfno = keyof Spec | keyof Own | keyof Aliases;
type Base<K> = K extends keyof Aliases ? Aliases[K] : K;

function lookup<T extends object>(table: T, key: string): T[keyof T] | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key as keyof T] : undefined;
}

function mergeNode(spec: SpecNode, added: SpecNode | undefined): SpecNode {
  if (!added) return spec;
  const byName = new Map(added.fields.map((f) => [f.field, f]));
  const fields = spec.fields.map((f): SpecField => {
    const own = byName.get(f.field);
    return own ? { ...own, required: f.required, coded: f.coded || own.coded } : f;
  });
  const known = new Set(spec.fields.map((f) => f.field));
  return { ...spec, fields: [...fields, ...added.fields.filter((f) => !known.has(f.field))] };
}

/** The input nodes the center accepts for `infno`, or undefined when it has no rules for it. */
export function inputRules(infno: string): readonly SpecNode[] | undefined {
  const base: string = lookup(SANDBOX_ALIASES, infno) ?? infno;
  const spec = lookup<Readonly<Record<string, { readonly input: readonly SpecNode[] }>>>(SPEC_TRANSACTIONS, base);
  if (spec) {
    const added = lookup<Readonly<Record<string, { readonly input: readonly SpecNode[] }>>>(SANDBOX_SPEC_ADDITIONS, base);
    const extraNodes = (added?.input ?? []).filter((n) => !spec.input.some((s) => s.node === n.node));
    return [
      ...spec.input.map((n) =>
        mergeNode(
          n,
          added?.input.find((a) => a.node === n.node),
        ),
      ),
      ...extraNodes,
    ];
  }
  return lookup<Readonly<Record<string, { readonly input: readonly SpecNode[] }>>>(SANDBOX_OWN_TRANSACTIONS, base)?.input;
}

// ---- types derived from the same tables ------------------------------------------------------

type NodesOf<T, K> = K extends keyof T
  ? T[K] extends { readonly input: infer I extends readonly unknown[] }
    ? I[number]
    : never
  : never;
type FieldsOf<N, S> = N extends { readonly node: S; readonly fields: infer L extends readonly unknown[] } ? L[number] : never;
type NamedIn<F, Name> = F extends { readonly field: Name } ? F : never;
/** A field the document names without a type takes the sandbox's type for it (keeping the document's required flag). */
type Typed<F, A> = F extends { readonly type: null; readonly field: infer Name; readonly required: infer R }
  ? [NamedIn<A, Name>] extends [never]
    ? F
    : Omit<NamedIn<A, Name>, 'required'> & { readonly required: R }
  : F;
type AddedOnly<A, F> = A extends { readonly field: F extends { readonly field: infer Name } ? Name : never } ? never : A;

type SpecNodesOf<K> = NodesOf<Spec, K>;
type AddNodesOf<K> = NodesOf<Add, K>;
type NodeNameIn<N> = N extends { readonly node: infer S } ? S : never;
type NodeNames<K> = NodeNameIn<SpecNodesOf<K> | AddNodesOf<K> | NodesOf<Own, K>>;
type MergedFields<K, S> = K extends keyof Spec
  ? | Typed<FieldsOf<SpecNodesOf<K>, S>, FieldsOf<AddNodesOf<K>, S>>
    | AddedOnly<FieldsOf<AddNodesOf<K>, S>, FieldsOf<SpecNodesOf<K>, S>>
  : FieldsOf<NodesOf<Own, K>, S>;
type ShapeIn<N, S> = N extends { readonly node: S; readonly shape: infer P } ? P : never;
type ShapeOf<K, S> = ShapeIn<SpecNodesOf<K> | AddNodesOf<K> | NodesOf<Own, K>, S>;

type ValueOf<F> = F extends { readonly type: 'N' } ? number : F extends { readonly type: 'C' | 'D' | 'DT' } ? string : unknown;
type Row<F> = {
  readonly [
    R in F as R extends { readonly required: 'Y' }
      ? R extends { readonly field: infer Name extends string }
        ? Name
        : never
      : never
  ]: ValueOf<R>;
} & {
  readonly [
    R in F as R extends { readonly required: 'Y' }
      ? never
      : R extends { readonly field: infer Name extends string }
        ? Name
        : never
  ]?: ValueOf<R> | '' | null;
};
type NodeValue<K, S> = 'array' extends ShapeOf<K, S> ? readonly Row<MergedFields<K, S>>[] : Row<MergedFields<K, S>>;

/** The input a handler of `K` receives once the center's check let it through. */
export type SandboxInput<K extends SandboxInfno> = {
  readonly [S in NodeNames<Base<K>> & string]: NodeValue<Base<K>, S>;
};
