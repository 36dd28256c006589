/**
 * The ECS instance types the emulator knows, with their vCPUs and memory, so every place that
 * shows an instance (ECS DescribeInstances `Cpu`/`Memory`/`InstanceTypeFamily`, world validation)
 * agrees: an `ecs.g7.large` has 2 vCPUs and 8 GiB. Real ECS names a type
 * `ecs.<family>.<size>`; in the general-purpose (g), compute (c) and memory (r) families the size
 * fixes the vCPUs and the family letter the GiB per vCPU (c 2, g 4, r 8).
 */
export interface InstanceTypeSpec {
  instanceType: string;
  instanceTypeFamily: string;
  cpu: number;
  /** MiB, as ECS reports `Memory`. */
  memoryMiB: number;
}

const FAMILIES: Readonly<Record<string, number>> = {
  "ecs.c5": 2,
  "ecs.c6": 2,
  "ecs.c7": 2,
  "ecs.g5": 4,
  "ecs.g6": 4,
  "ecs.g7": 4,
  "ecs.r5": 8,
  "ecs.r6": 8,
  "ecs.r7": 8,
};

const SIZES: Readonly<Record<string, number>> = {
  large: 2,
  xlarge: 4,
  "2xlarge": 8,
  "3xlarge": 12,
  "4xlarge": 16,
  "6xlarge": 24,
  "8xlarge": 32,
  "16xlarge": 64,
};

export const INSTANCE_TYPES: ReadonlyMap<string, InstanceTypeSpec> = new Map(
  Object.entries(FAMILIES).flatMap(([family, gibPerCpu]) =>
    Object.entries(SIZES).map(([size, cpu]): [string, InstanceTypeSpec] => {
      const instanceType = `${family}.${size}`;
      return [instanceType, { instanceType, instanceTypeFamily: family, cpu, memoryMiB: cpu * gibPerCpu * 1024 }];
    }),
  ),
);

/** The spec of a known type; world validation guarantees every instance's type is known. */
export function instanceTypeSpec(instanceType: string): InstanceTypeSpec {
  const spec = INSTANCE_TYPES.get(instanceType);
  if (!spec) throw new Error(`Unknown instance type ${instanceType}`);
  return spec;
}
