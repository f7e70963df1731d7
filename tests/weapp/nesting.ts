// How deep the pages nest Text in Text, ScrollView in ScrollView and catchMove views in each other, read from
// the TSX (config/plugins/template-depth.ts caps those templates). Components are followed across files by
// name (same-named components: the deepest counts); what a component renders around `children` counts for the
// caller's children, around its other props for JSX the caller passes in props. A branch counts even if it never shows.
import ts from 'typescript';

export type Kind = 'text' | 'scroll' | 'catch';
export type Depth = Record<Kind, number>;
const KINDS: Kind[] = ['text', 'scroll', 'catch'];
const zero = (): Depth => ({ text: 0, scroll: 0, catch: 0 });
const max = (a: Depth, b: Depth): Depth => ({ text: Math.max(a.text, b.text), scroll: Math.max(a.scroll, b.scroll), catch: Math.max(a.catch, b.catch) });
const add = (a: Depth, b: Depth): Depth => ({ text: a.text + b.text, scroll: a.scroll + b.scroll, catch: a.catch + b.catch });

function kindOf(tag: ts.JsxOpeningLikeElement): Kind | null {
  const name = tag.tagName.getText();
  if (name === 'Text') return 'text';
  if (name === 'ScrollView') return 'scroll';
  if (name === 'View' && tag.attributes.properties.some((p) => ts.isJsxAttribute(p) && p.name.getText() === 'catchMove')) return 'catch';
  return null;
}

interface Summary {
  /** deepest nesting inside the component, counted from its root */
  depth: Depth;
  /** nesting around the places where a caller's children render */
  slot: Depth;
  /** nesting around the places where the caller's other props render */
  propSlot: Depth;
}

export interface Finding {
  file: string;
  line: number;
  depth: Depth;
}

/** Deepest nesting per file and place; `sources` are { file, text } of .tsx files. */
export function nesting(sources: { file: string; text: string }[]): Finding[] {
  const bodies = new Map<string, { file: string; sf: ts.SourceFile; node: ts.Node; params: Set<string> }[]>();
  const files = sources.map(({ file, text }) => ({ file, sf: ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX) }));
  for (const { file, sf } of files) {
    const visit = (n: ts.Node) => {
      let name: string | undefined;
      let body: ts.Node | undefined;
      if (ts.isFunctionDeclaration(n) && n.name) [name, body] = [n.name.text, n.body];
      else if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && (ts.isArrowFunction(n.initializer) || ts.isFunctionExpression(n.initializer))) [name, body] = [n.name.text, n.initializer.body];
      if (name && body && /^[A-Z]/.test(name)) {
        const fn = ts.isFunctionDeclaration(n) ? n : (n as ts.VariableDeclaration).initializer as ts.ArrowFunction;
        const params = new Set<string>();
        const bind = (b: ts.BindingName) => (ts.isIdentifier(b) ? params.add(b.text) : b.elements.forEach((e) => !ts.isOmittedExpression(e) && bind(e.name)));
        fn.parameters.forEach((p) => bind(p.name));
        bodies.set(name, [...(bodies.get(name) ?? []), { file, sf, node: body, params }]);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }

  const summaries = new Map<string, Summary>();
  const summary = (name: string): Summary | undefined => summaries.get(name);
  const findings: Finding[] = [];

  // One pass over a tree at the given outer depth; returns the component's own summary.
  const walk = (root: ts.Node, sf: ts.SourceFile, file: string, record: boolean, params = new Set<string>()): Summary => {
    let deepest = zero();
    let slot = zero();
    let propSlot = zero();
    const mentions = (e: ts.Node, names: (id: string) => boolean): boolean => (ts.isIdentifier(e) && names(e.text)) || (ts.forEachChild(e, (c) => mentions(c, names) || undefined) ?? false);
    const note = (n: ts.Node, d: Depth) => {
      deepest = max(deepest, d);
      if (record) findings.push({ file, line: sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1, depth: d });
    };
    const visit = (n: ts.Node, at: Depth) => {
      if (ts.isJsxElement(n) || ts.isJsxSelfClosingElement(n)) {
        const tag = ts.isJsxElement(n) ? n.openingElement : n;
        const kind = kindOf(tag);
        let inner = at;
        let props = at;
        if (kind) {
          inner = props = { ...at, [kind]: at[kind] + 1 };
          note(n, inner);
        } else {
          const used = summary(tag.tagName.getText());
          if (used) {
            note(n, add(at, used.depth));
            inner = add(at, used.slot);
            props = add(at, used.propSlot);
          }
        }
        // Attributes may carry JSX (render props): it renders where the component puts its props.
        tag.attributes.properties.forEach((p) => visit(p, props));
        if (ts.isJsxElement(n)) n.children.forEach((c) => visit(c, inner));
        return;
      }
      if (ts.isJsxExpression(n) && n.expression && !ts.isJsxAttribute(n.parent)) {
        if (mentions(n.expression, (id) => id === 'children')) slot = max(slot, at);
        if (mentions(n.expression, (id) => id !== 'children' && params.has(id))) propSlot = max(propSlot, at);
      }
      ts.forEachChild(n, (c) => visit(c, at));
    };
    visit(root, zero());
    return { depth: deepest, slot, propSlot };
  };

  // Summaries until nothing grows (a component used inside another is summarised first in a later round).
  for (let round = 0; round < 20; round++) {
    let grew = false;
    for (const [name, defs] of bodies) {
      let s: Summary = { depth: zero(), slot: zero(), propSlot: zero() };
      for (const d of defs) {
        const one = walk(d.node, d.sf, d.file, false, d.params);
        s = { depth: max(s.depth, one.depth), slot: max(s.slot, one.slot), propSlot: max(s.propSlot, one.propSlot) };
      }
      const old = summaries.get(name);
      if (!old || KINDS.some((k) => s.depth[k] > old.depth[k] || s.slot[k] > old.slot[k] || s.propSlot[k] > old.propSlot[k])) {
        summaries.set(name, old ? { depth: max(old.depth, s.depth), slot: max(old.slot, s.slot), propSlot: max(old.propSlot, s.propSlot) } : s);
        grew = true;
      }
    }
    if (!grew) break;
  }
  for (const { file, sf } of files) walk(sf, sf, file, true);
  return findings;
}
