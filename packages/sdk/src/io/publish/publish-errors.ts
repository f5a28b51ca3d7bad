// Errors of the publish protocol; each names the dataset, the run or object involved, and what to do.

/** Base class of the publish errors. */
export class PublishError extends Error {
  override readonly name: string = 'PublishError';
}

/** Who holds a dataset's lease, as the lease object says. */
export interface LeaseHolderInfo {
  readonly holder: string;
  readonly runId?: string;
  readonly host: string;
  readonly pid: number;
  readonly acquiredAt: string;
  readonly expiresAt: string;
}

export function describeHolder(info: LeaseHolderInfo): string {
  const run = info.runId ? `run ${info.runId}, ` : '';
  return `version ${info.holder} (${run}host ${info.host}, pid ${info.pid}, since ${info.acquiredAt}, lease expires ${info.expiresAt})`;
}

/** Another run is publishing the same dataset and did not finish within the wait allowed. */
export class LeaseHeldError extends PublishError {
  override readonly name = 'LeaseHeldError';
  constructor(
    readonly dataset: string,
    readonly info: LeaseHolderInfo,
    readonly waitedMs: number,
  ) {
    super(
      `${dataset} is being published by ${describeHolder(info)}; ` +
        (waitedMs > 0 ? `waited ${Math.round(waitedMs / 1000)} s. ` : 'not waiting. ') +
        'Runs that write the same bucket and prefix take turns: retry when it ends, allow a wait with ' +
        'CAPSTONE_LEASE_WAIT_SECONDS, or pick another prefix',
    );
  }
}

/** This run's lease was broken by another run (ours had expired): its staging must not be committed. */
export class LeaseLostError extends PublishError {
  override readonly name = 'LeaseLostError';
  constructor(
    readonly dataset: string,
    readonly version: string,
    readonly detail: string,
  ) {
    super(
      `${dataset}: the publish lease of version ${version} was lost (${detail}); nothing of this run was committed`,
    );
  }
}

/** A manifest or staging record that is not what the protocol writes. */
export class ManifestFormatError extends PublishError {
  override readonly name = 'ManifestFormatError';
  constructor(
    readonly where: string,
    readonly problem: string,
  ) {
    super(`${where} is not a valid dataset manifest: ${problem}`);
  }
}

/** A version that a task expected (staged or committed) is not there. */
export class VersionNotFoundError extends PublishError {
  override readonly name = 'VersionNotFoundError';
  constructor(
    readonly dataset: string,
    readonly version: string,
    readonly state: 'staged' | 'committed',
    readonly hint: string,
  ) {
    super(`${dataset}: no ${state} version ${version}; ${hint}`);
  }
}

/** An object a manifest names is missing or its bytes are not the ones the manifest vouches for. */
export class ObjectIntegrityError extends PublishError {
  override readonly name = 'ObjectIntegrityError';
  constructor(
    readonly location: string,
    readonly problem: string,
  ) {
    super(`${location}: ${problem}`);
  }
}
