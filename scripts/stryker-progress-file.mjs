// A Stryker reporter plugin that keeps a run's progress on disk, mutant by mutant.
//
// Why: on a shared two-core machine a folder's run takes hours, and Stryker writes its JSON report (and its
// incremental file) only when the whole run ends, so a run stopped at 18:00 used to leave nothing behind.
// This reporter writes STRYKER_PROGRESS_FILE after every tested mutant: the planned total per file, and each
// result so far (id, status, mutator, replacement, line). scripts/mutation.mjs reads it for the summary when
// the folder's final report is missing or older than the progress file.
import { writeFileSync, renameSync } from 'node:fs';
import { PluginKind, declareClassPlugin } from '@stryker-mutator/api/plugin';

class ProgressFileReporter {
  static inject = [];

  constructor() {
    this.file = process.env.STRYKER_PROGRESS_FILE;
    this.planned = {};
    this.results = [];
    this.startedAt = new Date().toISOString();
  }

  onMutationTestingPlanReady(event) {
    for (const { mutant } of event.mutantPlans) this.planned[mutant.fileName] = (this.planned[mutant.fileName] ?? 0) + 1;
    // Early results (no coverage, ignored, static skipped) are known before any test runs.
    for (const { plan, mutant } of event.mutantPlans) if (plan === 'EarlyResult') this.record(mutant, mutant.status);
    this.write(false);
  }

  onMutantTested(result) {
    // Early results were recorded at plan time; Stryker reports them here again.
    if (this.results.some((r) => r.id === result.id)) return;
    this.record(result, result.status);
    this.write(false);
  }

  onMutationTestReportReady() {
    this.write(true);
  }

  record(mutant, status) {
    this.results.push({
      id: mutant.id,
      fileName: mutant.fileName,
      status,
      mutatorName: mutant.mutatorName,
      replacement: mutant.replacement,
      line: mutant.location.start.line, // from 1, as in mutation.json (checked against a finished run)
    });
  }

  write(complete) {
    if (!this.file) return;
    const body = {
      startedAt: this.startedAt,
      updatedAt: new Date().toISOString(),
      complete,
      planned: this.planned,
      results: this.results,
    };
    // Written beside and renamed, so a reader never sees half a file.
    writeFileSync(`${this.file}.tmp`, JSON.stringify(body));
    renameSync(`${this.file}.tmp`, this.file);
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, 'progress-file', ProgressFileReporter)];
