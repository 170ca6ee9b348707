import type { Namespace } from './namespaces';

/** A catalogue as data: nested sections whose leaves are strings. */
export type Tree = { [k: string]: string | Tree };

/** `{ auth: { login: '登录' } }` → `[['auth.login', '登录']]`. */
export function flatten(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : flatten(v, `${prefix}${k}.`),
  );
}

/** The keys a source file uses: literal `t('key')` / `t('ns:key')`, and static prefixes of built ones. */
export interface UsedKey {
  /** The namespace the key is looked up in first (its `ns:` prefix or the component's `useTranslation`). */
  ns: Namespace | string;
  key: string;
  /** A template such as `` t(`status.${s}`) ``: only its static prefix (`status.`) is known. */
  prefix: boolean;
}

const NS_CALL = /(?:useTranslation\(|TFunction<)\s*(?:\[\s*)?'(\w+)'/g;
const LITERAL = /\bt\(\s*((?:[\w.!]+\s*\?\s*)?'[\w.:]+'(?:\s*:\s*'[\w.:]+')?)/g;
const TEMPLATE = /\bt\(\s*`([\w.:]*)\$\{/g;

/**
 * Scans a source file: a component's keys are read in the namespace of the `useTranslation` call above them
 * (each component calls it at its top), a helper's in that of its `TFunction<'ns'>` parameter; keys before
 * either, in `common`.
 */
export function usedKeys(source: string): UsedKey[] {
  const calls = [...source.matchAll(NS_CALL)].map((m) => ({ at: m.index, ns: m[1]! }));
  const nsAt = (i: number) => calls.filter((c) => c.at < i).at(-1)?.ns ?? 'common';
  const split = (raw: string, at: number, prefix: boolean): UsedKey => {
    const [ns, key] = raw.includes(':') ? raw.split(':', 2) : [nsAt(at), raw];
    return { ns: ns!, key: key!, prefix };
  };
  const out: UsedKey[] = [];
  for (const m of source.matchAll(LITERAL))
    for (const lit of m[1]!.matchAll(/'([\w.:]+)'/g)) out.push(split(lit[1]!, m.index, false));
  for (const m of source.matchAll(TEMPLATE)) out.push(split(m[1]!, m.index, true));
  return out;
}
