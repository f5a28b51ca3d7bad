/** The experiment settings the Python client reads from the environment. */
export interface ExperimentDefaults {
  /** `KF_PIPELINES_DEFAULT_EXPERIMENT_NAME`: used when no experiment is named. */
  readonly defaultName?: string;
  /** `KF_PIPELINES_OVERRIDE_EXPERIMENT_NAME`: replaces whatever was named (an admin's way to pin notebooks). */
  readonly overrideName?: string;
}

/** The experiment used when nothing names one. */
export const DEFAULT_EXPERIMENT = 'Default';

export function experimentDefaultsFromEnv(env: NodeJS.ProcessEnv): ExperimentDefaults {
  const defaultName = env.KF_PIPELINES_DEFAULT_EXPERIMENT_NAME?.trim() || undefined;
  const overrideName = env.KF_PIPELINES_OVERRIDE_EXPERIMENT_NAME?.trim() || undefined;
  return { ...(defaultName ? { defaultName } : {}), ...(overrideName ? { overrideName } : {}) };
}

export interface ResolvedExperiment {
  readonly name: string;
  /** Set when the override replaced another name: the name that would have been used. */
  readonly overridden?: string;
}

/**
 * As `kfp.Client.create_run_from_pipeline_package`: the override beats the requested name, the requested name
 * beats the default, and `Default` applies when none is set. (Empty variables count as unset.)
 */
export function resolveExperimentName(
  requested: string | undefined,
  defaults: ExperimentDefaults = {},
): ResolvedExperiment {
  const wanted = requested?.trim() || defaults.defaultName || DEFAULT_EXPERIMENT;
  const override = defaults.overrideName;
  if (!override || override === wanted) return { name: wanted };
  return { name: override, overridden: wanted };
}
