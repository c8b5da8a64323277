/**
 * Moves the labels that collide (test/browser/diagram-labels.test.ts) to the nearest free place and
 * writes their bounds into the diagram interchange (BPMNDI) only: `npx tsx test/browser/place-labels.ts
 * FILE.bpmn…`. The process part of each file is left byte for byte as it was.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { launchChromium } from './chromium.js';
import {
  drawDiagram,
  intersects,
  labelCollisions,
  openDiagramPage,
  type Box,
  type DrawnDiagram,
} from './diagram-page.js';

const GAP = 4;

function crossesBorder(box: Box, container: Box): boolean {
  const inside =
    box.x >= container.x &&
    box.y >= container.y &&
    box.x + box.width <= container.x + container.width &&
    box.y + box.height <= container.y + container.height;
  return !inside && intersects(box, container);
}

function segmentHits(box: Box, a: { x: number; y: number }, b: { x: number; y: number }): boolean {
  // Waypoints run horizontally or vertically: a segment hits the box when its span does.
  const span = {
    x: Math.min(a.x, b.x),
    y: Math.min(a.y, b.y),
    width: Math.abs(a.x - b.x) + 1,
    height: Math.abs(a.y - b.y) + 1,
  };
  return intersects(box, span);
}

/** Places around the owner (a shape's sides and corners, or along a flow's segments), nearest first. */
function candidates(diagram: DrawnDiagram, owner: string, size: { width: number; height: number }): Box[] {
  const { width, height } = size;
  const shape = diagram.shapes.find((candidate) => candidate.id === owner);
  const found: Box[] = [];
  if (shape !== undefined) {
    const b = shape.box;
    const cx = b.x + b.width / 2;
    const cy = b.y + b.height / 2;
    found.push(
      { x: cx - width / 2, y: b.y + b.height + GAP, width, height },
      { x: cx - width / 2, y: b.y - GAP - height, width, height },
      { x: b.x + b.width + GAP, y: b.y - height, width, height },
      { x: b.x - GAP - width, y: b.y - height, width, height },
      { x: b.x + b.width + GAP, y: b.y + b.height, width, height },
      { x: b.x - GAP - width, y: b.y + b.height, width, height },
      { x: b.x + b.width + GAP, y: cy - height / 2, width, height },
      { x: b.x - GAP - width, y: cy - height / 2, width, height },
    );
  }
  const edge = diagram.edges.find((candidate) => candidate.id === owner);
  for (const [index, a] of (edge?.points ?? []).entries()) {
    const b = edge?.points[index + 1];
    if (b === undefined) break;
    for (const t of [0.5, 0.3, 0.7, 0.15, 0.85]) {
      const x = a.x + (b.x - a.x) * t;
      const y = a.y + (b.y - a.y) * t;
      if (a.y === b.y) {
        found.push(
          { x: x - width / 2, y: y - GAP - height, width, height },
          { x: x - width / 2, y: y + GAP, width, height },
        );
      } else {
        found.push(
          { x: x + GAP, y: y - height / 2, width, height },
          { x: x - GAP - width, y: y - height / 2, width, height },
        );
      }
    }
  }
  // Then anywhere near the first of those places, nearest first.
  const [first] = found;
  if (first !== undefined) {
    const near: Box[] = [];
    for (let dx = -160; dx <= 160; dx += 8)
      for (let dy = -120; dy <= 120; dy += 6) near.push({ ...first, x: first.x + dx, y: first.y + dy });
    near.sort((a, b) => Math.hypot(a.x - first.x, a.y - first.y) - Math.hypot(b.x - first.x, b.y - first.y));
    found.push(...near);
  }
  return found.map((box) => ({ ...box, x: Math.round(box.x), y: Math.round(box.y) }));
}

function freePlace(diagram: DrawnDiagram, owner: string): Box | undefined {
  const label = diagram.labels.find((candidate) => candidate.owner === owner && candidate.kind === 'external');
  if (label === undefined) return undefined;
  const size = { width: Math.ceil(label.box.width) + 2, height: Math.ceil(label.box.height) };
  const others = diagram.labels.filter((candidate) => candidate !== label);
  let best: { box: Box; cost: number } | undefined;
  for (const [rank, box] of candidates(diagram, owner, size).entries()) {
    if (others.some((other) => intersects(box, other.box))) continue;
    if (diagram.shapes.some((shape) => !shape.container && shape.id !== owner && intersects(box, shape.box))) continue;
    if (diagram.shapes.some((shape) => shape.container && crossesBorder(box, shape.box))) continue;
    const crossings = diagram.edges
      .filter((edge) => edge.id !== owner)
      .reduce(
        (sum, edge) => sum + edge.points.slice(1).filter((b, i) => segmentHits(box, edge.points[i] ?? b, b)).length,
        0,
      );
    const cost = crossings * 1000 + Math.min(rank, 100) + Math.max(0, rank - 100) / 40;
    if (best === undefined || cost < best.cost) best = { box, cost };
  }
  return best?.box;
}

/** Gives the element's BPMNShape/BPMNEdge a BPMNLabel with these bounds (replacing one it has). */
function setLabelBounds(xml: string, owner: string, box: Box): string {
  const pattern = new RegExp(
    `(<bpmndi:BPMN(Shape|Edge)\\b[^>]*bpmnElement="${owner}"[^>]*>)([\\s\\S]*?)(\\n?\\s*</bpmndi:BPMN\\2>)`,
  );
  const match = pattern.exec(xml);
  if (match === null) throw new Error(`no DI for ${owner}`);
  const indent = /\n(\s*)</.exec(match[3] ?? '')?.[1] ?? '        ';
  const body = (match[3] ?? '').replace(/\s*<bpmndi:BPMNLabel>[\s\S]*?<\/bpmndi:BPMNLabel>/, '');
  const label = `\n${indent}<bpmndi:BPMNLabel>\n${indent}  <dc:Bounds x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" />\n${indent}</bpmndi:BPMNLabel>`;
  return xml.replace(pattern, `${match[1] ?? ''}${body}${label}${match[4] ?? ''}`);
}

/** The label a collision should move: a flow's rather than a gateway's, the first named otherwise. */
function mover(collision: string, diagram: DrawnDiagram): string | undefined {
  const owners = [...collision.matchAll(/label (\S+?)「/g)].map((match) => match[1] ?? '');
  const external = owners.filter((owner) =>
    diagram.labels.some((label) => label.owner === owner && label.kind === 'external'),
  );
  return external.find((owner) => diagram.edges.some((edge) => edge.id === owner)) ?? external[0];
}

const browser = await launchChromium();
try {
  const page = await openDiagramPage(browser);
  for (const file of process.argv.slice(2)) {
    let xml = await readFile(file, 'utf8');
    const semantic = xml.slice(0, xml.indexOf('<bpmndi:BPMNDiagram'));
    for (let round = 0; round < 20; round += 1) {
      const diagram = await drawDiagram(page, xml);
      const collisions = labelCollisions(diagram);
      if (collisions.length === 0) break;
      const owner = mover(collisions[0] ?? '', diagram);
      const box = owner === undefined ? undefined : freePlace(diagram, owner);
      if (owner === undefined || box === undefined) {
        console.error(`${file}: no free place for ${collisions[0] ?? ''}`);
        break;
      }
      xml = setLabelBounds(xml, owner, box);
    }
    if (!xml.startsWith(semantic)) throw new Error(`${file}: the process part changed`);
    await writeFile(file, xml);
    console.log(file, labelCollisions(await drawDiagram(page, xml)));
  }
} finally {
  await browser.close();
}
