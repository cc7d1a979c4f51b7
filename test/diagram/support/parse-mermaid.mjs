// Runs Mermaid's own parser on diagram texts, for test/diagram. Mermaid is ESM-only and needs a
// DOM (its label sanitiser, DOMPurify, binds to `window` when first imported), so the jest tests
// spawn this script instead of importing Mermaid into jest's CommonJS runtime.
//
// stdin: a JSON array of diagram texts. stdout: a JSON array with, per text, either
// `{ ok: false, error }` or `{ ok: true, nodes, edges }`, where labels are decoded the way
// Mermaid decodes them when it renders (entity codes such as `#58;` back to `:`).
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const { window } = new JSDOM('');
globalThis.window = window;
globalThis.document = window.document;
const { default: mermaid } = await import('mermaid');

// Mermaid swaps `#name;` / `#123;` for these placeholders before parsing and back to HTML
// entities before rendering; the browser then decodes the entities.
function decodeLabel(text) {
  const html = String(text ?? '')
    .replaceAll('ﬂ°°', '&#')
    .replaceAll('ﬂ°', '&')
    .replaceAll('¶ß', ';');
  const area = window.document.createElement('textarea');
  area.innerHTML = html;
  return area.value;
}

async function describe(text) {
  try {
    await mermaid.parse(text);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const data = diagram.db.getData();
    const byId = new Map(data.nodes.map((n) => [n.id, n]));
    // Regions of a composite state are groups with shape `divider`; report the composite itself.
    const ownerOf = (id) => {
      let parent = byId.get(id)?.parentId;
      let region;
      while (parent !== undefined && byId.get(parent)?.shape === 'divider') {
        region = parent;
        parent = byId.get(parent)?.parentId;
      }
      return { parent: parent ?? '', region };
    };
    const regionIndex = new Map();
    const pseudo = (id) => ['stateStart', 'stateEnd'].includes(byId.get(id)?.shape);
    const nodes = data.nodes
      .filter((n) => !pseudo(n.id) && n.shape !== 'divider')
      .map((n) => {
        const { parent, region } = ownerOf(n.id);
        let index = 0;
        if (region !== undefined) {
          const key = `${parent}\u0000${region}`;
          if (!regionIndex.has(key)) {
            regionIndex.set(
              key,
              [...regionIndex.keys()].filter((k) => k.startsWith(`${parent}\u0000`)).length,
            );
          }
          index = regionIndex.get(key);
        }
        return { id: n.id, label: decodeLabel(n.label), shape: n.shape, parent, region: index };
      });
    const edges = data.edges.map((e) => ({
      from: pseudo(e.start) ? '[*]' : e.start,
      to: pseudo(e.end) ? '[*]' : e.end,
      label: decodeLabel(e.label),
      scope: pseudo(e.start) || pseudo(e.end) ? ownerOf(pseudo(e.start) ? e.start : e.end).parent : undefined,
    }));
    return { ok: true, nodes, edges };
  } catch (error) {
    return { ok: false, error: String(error?.message ?? error) };
  }
}

const texts = JSON.parse(readFileSync(0, 'utf8'));
const results = [];
// One at a time: Mermaid keeps the diagram being parsed in module state.
for (const text of texts) results.push(await describe(text));
process.stdout.write(JSON.stringify(results));
