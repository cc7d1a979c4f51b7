export { toMermaid } from './mermaid';
export { escapeMermaidLabel, shortenGuard, toMermaidId } from './mermaid-text';
export { listStepEdges, type StepEdge } from './step-edges';
