/** Iteration, log-likelihood, converged or not, time per iteration, E-step threads: the fit at a glance (and for tests). */
import { describeReset, type Reset } from '@gmm/core';
import type { SourceData } from '../data-sources.js';
import { formatNumber } from '../view/format.js';
import type { FitUpdate } from '../worker/messages.js';
import { describeThreads } from '../worker/threads.js';
import type { RunState } from './FitControls.js';

interface Props {
  update: FitUpdate | undefined;
  runState: RunState;
  source: SourceData;
  fitColumns: string[];
}

/** "2 components re-seeded / 1 dropped", with every reset on hover. */
function ResetSummary({ resets }: { resets: readonly Reset[] }) {
  const reseeded = resets.filter((reset) => reset.action === 'reseeded').length;
  const dropped = resets.length - reseeded;
  const plural = (n: number) => (n === 1 ? 'component' : 'components');
  const text = dropped === 0 ? `${reseeded} ${plural(reseeded)} re-seeded` : reseeded === 0 ? `${dropped} ${plural(dropped)} dropped` : `${reseeded} ${plural(reseeded)} re-seeded / ${dropped} dropped`;
  return (
    <span className="warn" data-testid="resets" data-reseeded={reseeded} data-dropped={dropped} title={resets.map(describeReset).join('\n')}>
      {text}
    </span>
  );
}

export function StatusLine({ update, runState, source, fitColumns }: Props) {
  const logLikelihood = update?.lowerBounds.at(-1);
  const state = runState !== 'idle' ? runState : update ? (update.finished ? 'finished' : 'paused') : 'no-fit';
  return (
    <p
      className="status"
      role="status"
      aria-live="polite"
      data-testid="status"
      data-state={state}
      data-iteration={update?.iteration ?? 0}
      data-loglik={logLikelihood ?? ''}
      data-converged={update?.converged ?? false}
      data-k={update?.components.length ?? 0}
    >
      {update ? (
        <>
          <span>
            {update.covarianceType}, k = {update.components.length} on {fitColumns.join(', ')}
          </span>
          <span>iteration {update.iteration}</span>
          <span>log-likelihood {logLikelihood === undefined ? '—' : formatNumber(logLikelihood, 6)} per point</span>
          <span className={update.converged ? 'ok' : 'warn'}>{update.converged ? 'converged' : update.finished ? 'not converged (max iterations)' : 'not converged yet'}</span>
          {update.resets.length > 0 && <ResetSummary resets={update.resets} />}
          <span>{update.msPerIteration > 0 ? `${formatNumber(update.msPerIteration, 2)} ms per iteration` : 'loaded model'}</span>
          {update.threads && (
            <span data-testid="threads" data-threads={update.threads.count} className={update.threads.isolated ? undefined : 'warn'}>
              {describeThreads(update.threads)}
            </span>
          )}
          {runState !== 'idle' && <span className="running">{runState}…</span>}
        </>
      ) : (
        <span>
          {source.name}: {runState === 'idle' ? 'no fit yet — press Fit or Step' : `${runState}…`}
        </span>
      )}
    </p>
  );
}
