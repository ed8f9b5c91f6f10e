import { availableParallelism, freemem } from 'node:os';

/** What the machine offers the test processes right now. */
export interface MachineFacts {
  /** CPUs this process may use (cgroup and affinity aware). */
  cores: number;
  /** Memory still available to this process and its children, MB (cgroup aware where Node can tell). */
  availableMemoryMB: number;
}

const MB = 1024 * 1024;

/**
 * Reads the machine. process.availableMemory() (Node ≥ 20.13) honours a container's
 * cgroup limit, which os.freemem() does not: in a CI container the host's free memory
 * says nothing about what the job may use.
 */
export function readMachineFacts(): MachineFacts {
  const withAvailable = process as NodeJS.Process & { availableMemory?: () => number };
  const bytes = typeof withAvailable.availableMemory === 'function' ? withAvailable.availableMemory() : freemem();
  return { cores: availableParallelism(), availableMemoryMB: Math.round(bytes / MB) };
}
