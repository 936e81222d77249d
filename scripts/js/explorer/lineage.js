// The lineage graph of model releases: boxes for releases, one column per generation (a
// release sits one column right of its furthest parent), arrows from parents to the releases
// built on them. `lineageLayout` is pure (tested in Node); `renderLineage` draws it as SVG.

/** Box size and spacing, in SVG units. */
export const BOX = { width: 190, height: 58, columnGap: 60, rowGap: 22, margin: 12 };

/**
 * Positions for `releases` (`{ id, name, parents, ingredients, deprecated }`, parents
 * registered first): `{ nodes: [{ id, x, y, generation, ... }], edges: [{ from, to }], width, height }`.
 */
export function lineageLayout(releases) {
  const generation = new Map();
  const sorted = [...releases].sort((a, b) => a.id - b.id);
  for (const r of sorted) {
    const parents = r.parents.filter((p) => generation.has(p));
    generation.set(r.id, parents.length === 0 ? 0 : 1 + Math.max(...parents.map((p) => generation.get(p))));
  }
  const rows = new Map();
  const nodes = sorted.map((r) => {
    const column = generation.get(r.id);
    const row = rows.get(column) ?? 0;
    rows.set(column, row + 1);
    return {
      ...r,
      generation: column,
      x: BOX.margin + column * (BOX.width + BOX.columnGap),
      y: BOX.margin + row * (BOX.height + BOX.rowGap),
    };
  });
  const edges = sorted.flatMap((r) => r.parents.filter((p) => generation.has(p)).map((p) => ({ from: p, to: r.id })));
  const columns = Math.max(0, ...generation.values()) + 1;
  const tallest = Math.max(0, ...rows.values());
  return {
    nodes,
    edges,
    width: nodes.length === 0 ? 0 : 2 * BOX.margin + columns * BOX.width + (columns - 1) * BOX.columnGap,
    height: nodes.length === 0 ? 0 : 2 * BOX.margin + tallest * BOX.height + (tallest - 1) * BOX.rowGap,
  };
}

const SVG = 'http://www.w3.org/2000/svg';

function element(name, attributes, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Draws `releases` into the `<svg>` element `svg`. */
export function renderLineage(svg, releases) {
  const { nodes, edges, width, height } = lineageLayout(releases);
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const marker = element('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 8, markerHeight: 8, orient: 'auto' });
  marker.append(element('path', { d: 'M 0 0 L 10 5 L 0 10 z' }));
  const defs = element('defs', {});
  defs.append(marker);
  const children = [defs];
  for (const { from, to } of edges) {
    const a = byId.get(from);
    const b = byId.get(to);
    children.push(element('line', {
      class: 'edge', 'data-from': from, 'data-to': to, 'marker-end': 'url(#arrow)',
      x1: a.x + BOX.width, y1: a.y + BOX.height / 2, x2: b.x, y2: b.y + BOX.height / 2,
    }));
  }
  for (const n of nodes) {
    const classes = `release${n.deprecated ? ' deprecated' : ''}${n.flagged ? ' flagged' : ''}`;
    const group = element('g', { class: classes, 'data-id': n.id });
    group.append(element('rect', { x: n.x, y: n.y, width: BOX.width, height: BOX.height, rx: 8 }));
    group.append(element('text', { x: n.x + 10, y: n.y + 23, class: 'name' }, `#${n.id} ${n.name}`));
    group.append(element('text', { x: n.x + 10, y: n.y + 44, class: 'detail' },
      `${n.ingredients} ingredient${n.ingredients === 1 ? '' : 's'}${n.deprecated ? ' · deprecated' : ''}`
        + `${n.flagged ? ' · taken-down data' : ''}`));
    children.push(group);
  }
  svg.replaceChildren(...children);
}
