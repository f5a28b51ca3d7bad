import { DefinitionError, type ResourceSpec } from '../dsl/index.js';
import type { IrResources } from './ir-types.js';

const MEMORY_UNITS: Record<string, number> = {
  '': 1,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
};

/** CPU quantity in cores: `500m` → 0.5, `2` → 2. */
export function cpuCores(subject: string, quantity: string): number {
  const match = /^(\d+(?:\.\d+)?)(m?)$/.exec(quantity);
  if (!match) throw new DefinitionError(subject, `cpu '${quantity}' must look like 500m, 1 or 2.5`);
  const value = Number(match[1]);
  return match[2] === 'm' ? value / 1000 : value;
}

/** Memory quantity in GB (10^9 bytes), as the old float fields expect: `256Mi` → 0.268435456. */
export function memoryGigabytes(subject: string, quantity: string): number {
  const match = /^(\d+(?:\.\d+)?)([KMGT]i?)?$/.exec(quantity);
  const unit = MEMORY_UNITS[match?.[2] ?? ''];
  if (!match || unit === undefined) {
    throw new DefinitionError(subject, `memory '${quantity}' must look like 512Mi, 2Gi or 1G`);
  }
  return Number(((Number(match[1]) * unit) / 1e9).toPrecision(12));
}

function millicores(cores: number): string {
  return `${Math.round(cores * 1000)}m`;
}

/** Both the old float fields and the newer string fields, so every backend version reads them. */
export function buildResources(subject: string, spec: ResourceSpec | undefined): IrResources | undefined {
  if (!spec) return undefined;
  const out: IrResources = {};
  if (spec.cpuLimit !== undefined) {
    out.cpuLimit = cpuCores(subject, spec.cpuLimit);
    out.resourceCpuLimit = millicores(out.cpuLimit);
  }
  if (spec.cpuRequest !== undefined) {
    out.cpuRequest = cpuCores(subject, spec.cpuRequest);
    out.resourceCpuRequest = millicores(out.cpuRequest);
  }
  if (spec.memoryLimit !== undefined) {
    out.memoryLimit = memoryGigabytes(subject, spec.memoryLimit);
    out.resourceMemoryLimit = spec.memoryLimit;
  }
  if (spec.memoryRequest !== undefined) {
    out.memoryRequest = memoryGigabytes(subject, spec.memoryRequest);
    out.resourceMemoryRequest = spec.memoryRequest;
  }
  if (spec.accelerator) {
    const count = String(spec.accelerator.count);
    const type = spec.accelerator.type;
    out.accelerator = { type, count, resourceType: type, resourceCount: count };
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
