import { extractZipEntries, formatBytes } from '@capstone/sdk/io';
import { implementComponent } from '@capstone/sdk/runtime';
import { ConflictingParametersError } from './errors.js';
import { unzip } from './unzip.js';

export const main = implementComponent(unzip, async ({ inputs, outputs, log }) => {
  if (inputs.ratings_entry === inputs.movies_entry) {
    throw new ConflictingParametersError(['ratings_entry', 'movies_entry'], inputs.ratings_entry);
  }
  await extractZipEntries(
    inputs.zip.path,
    { [inputs.ratings_entry]: outputs.ratings.path, [inputs.movies_entry]: outputs.movies.path },
    {
      archiveName: 'the downloaded archive',
      onEntry: (done) => log(`extracted ${done.entry} (${formatBytes(done.bytes)})`),
    },
  );
});
