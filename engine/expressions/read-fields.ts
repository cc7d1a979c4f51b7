import type { ASTNode } from '@marcbachmann/cel-js';

/** CEL macros whose first argument names a variable bound inside the other arguments. */
const COMPREHENSION_MACROS = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);

/** A free variable of an expression: its name and where it sits in the text. */
export interface FreeVariable {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/** What an expression reads from its variables. */
export interface FieldReads {
  /** Every maximal member path read from a free variable, e.g. `['forms', 'requirement', 'goal']`. */
  readonly fields: string[][];
  /** Where each of `fields` is first read in the text (same order), as 0-based offsets. */
  readonly spans: { readonly start: number; readonly end: number }[];
  /** The free variables, in order of first appearance, without duplicates. */
  readonly variables: FreeVariable[];
}

/**
 * Lists the member paths an expression reads from its free (root) variables, so the validator
 * can check them against the SOP before any project runs. Variables bound by macros
 * (`tasks.p.all(t, t.done)`) are not free; string-literal indexes (`input["cost"]`) count as
 * member names; the path stops at a computed index (`input.items[i]` reads `input.items`).
 *
 * @example
 * ```ts
 * readFields(SOP_CEL_ENVIRONMENT.parse('input.cost >= 5000 && forms.requirement.goal != ""').ast).fields;
 * // [['input', 'cost'], ['forms', 'requirement', 'goal']]
 * ```
 */
export function readFields(ast: ASTNode): FieldReads {
  const fields: string[][] = [];
  const spans: { start: number; end: number }[] = [];
  const seenFields = new Set<string>();
  const variables: FreeVariable[] = [];

  const recordPath = (path: string[], node: ASTNode): void => {
    const key = JSON.stringify(path);
    if (!seenFields.has(key)) {
      seenFields.add(key);
      fields.push(path);
      spans.push({ start: node.start, end: node.end });
    }
    const head = rootOf(node);
    if (head && !variables.some((v) => v.name === head.args)) {
      variables.push({ name: head.args, start: head.start, end: head.end });
    }
  };

  const visit = (node: ASTNode, bound: ReadonlySet<string>): void => {
    const path = memberPath(node, bound);
    if (path) {
      recordPath(path, node);
      return;
    }
    switch (node.op) {
      case 'value':
      case 'id':
        return;
      case '.':
      case '.?':
        visit(node.args[0], bound);
        return;
      case '!_':
      case '-_':
        visit(node.args, bound);
        return;
      case 'call':
        for (const arg of node.args[1]) visit(arg, bound);
        return;
      case 'rcall':
        visitMethodCall(node.args, bound, visit);
        return;
      case 'list':
        for (const item of node.args) visit(item, bound);
        return;
      case 'map':
        for (const [key, value] of node.args) {
          visit(key, bound);
          visit(value, bound);
        }
        return;
      default:
        // Binary operators, `[]`, `&&`, `||` and `?:` all carry a plain list of operands.
        for (const operand of node.args) visit(operand, bound);
    }
  };

  visit(ast, new Set());
  return { fields, spans, variables };
}

/** A macro binds its first argument for the rest; other methods just read their arguments. */
function visitMethodCall(
  [name, receiver, args]: [string, ASTNode, ASTNode[]],
  bound: ReadonlySet<string>,
  visit: (node: ASTNode, bound: ReadonlySet<string>) => void,
): void {
  visit(receiver, bound);
  const [first, ...rest] = args;
  if (COMPREHENSION_MACROS.has(name) && first?.op === 'id') {
    const inner = new Set(bound).add(first.args);
    for (const arg of rest) visit(arg, inner);
    return;
  }
  for (const arg of args) visit(arg, bound);
}

/** `a.b["c"]` → `['a', 'b', 'c']` when `a` is free; undefined for anything else. */
function memberPath(node: ASTNode, bound: ReadonlySet<string>): string[] | undefined {
  switch (node.op) {
    case 'id':
      return bound.has(node.args) ? undefined : [node.args];
    case '.': {
      const base = memberPath(node.args[0], bound);
      return base && [...base, node.args[1]];
    }
    case '[]': {
      const [object, index] = node.args;
      if (index.op !== 'value' || typeof index.args !== 'string') return undefined;
      const base = memberPath(object, bound);
      return base && [...base, index.args];
    }
    default:
      return undefined;
  }
}

/** The identifier node at the start of a member chain. */
function rootOf(node: ASTNode): Extract<ASTNode, { op: 'id' }> | undefined {
  switch (node.op) {
    case 'id':
      return node;
    case '.':
    case '[]':
      return rootOf(node.args[0]);
    default:
      return undefined;
  }
}

/**
 * The nesting depth of an AST (a lone literal is 1).
 *
 * @example
 * ```ts
 * measureDepth(SOP_CEL_ENVIRONMENT.parse('a && (b || c)').ast); // 3
 * ```
 */
export function measureDepth(node: ASTNode): number {
  let deepest = 0;
  for (const child of childrenOf(node)) deepest = Math.max(deepest, measureDepth(child));
  return deepest + 1;
}

function childrenOf(node: ASTNode): ASTNode[] {
  switch (node.op) {
    case 'value':
    case 'id':
      return [];
    case '.':
    case '.?':
      return [node.args[0]];
    case '!_':
    case '-_':
      return [node.args];
    case 'call':
      return node.args[1];
    case 'rcall':
      return [node.args[1], ...node.args[2]];
    case 'list':
      return node.args;
    case 'map':
      return node.args.flat();
    default:
      return [...node.args];
  }
}
