// What the screens know of training: its parameters (training-contract's, docs/training.md) with
// the ranges checked before sending (the services check again), and runs' states and reasons in words.

export const PARAMETERS = [
  { key: 'validationSplit', label: 'Validation split', min: 0, max: 0.5, step: 0.05, range: 'from 0 to 0.5',
    hint: 'Share of the training set held out to validate each epoch, 0 to 0.5.' },
  { key: 'epochs', label: 'Epochs', min: 1, max: 200, step: 1, range: 'a whole number from 1 to 200', hint: '1 to 200.' },
  { key: 'learningRate', label: 'Learning rate', min: 0, max: 1, step: 'any', exclusiveMin: true,
    range: 'above 0 and at most 1', hint: 'Above 0, at most 1 (e.g. 0.001).' },
  { key: 'decay', label: 'Learning-rate decay', min: 0, max: 1, step: 'any', range: 'from 0 to 1', hint: '0 to 1.' },
  { key: 'dropout', label: 'Dropout', min: 0, max: 1, step: 'any', exclusiveMax: true, range: 'from 0 to below 1',
    hint: '0 to below 1.' },
  { key: 'batchSize', label: 'Batch size', min: 1, max: 1024, step: 1, range: 'a whole number from 1 to 1024', hint: '1 to 1024.' },
  { key: 'seed', label: 'Random seed', min: -2147483648, max: 2147483647, step: 1, range: 'a whole number (32-bit)',
    hint: 'Same seed, data and parameters: the same split, vectors and starting weights.' },
];

/** Each parameter's range, checked before sending; the service checks again. */
export function rangeErrors(form) {
  const errors = {};
  for (const p of PARAMETERS) {
    const raw = String(form[p.key]).trim();
    const v = Number(raw);
    const whole = p.step === 1;
    if (raw === '' || Number.isNaN(v)) errors[p.key] = `${p.label} must be a number.`;
    else if (whole && !Number.isInteger(v)) errors[p.key] = `${p.label} must be ${p.range}.`;
    else if (v < p.min || v > p.max || (p.exclusiveMin && v === p.min) || (p.exclusiveMax && v === p.max)) {
      errors[p.key] = `${p.label} must be ${p.range}.`;
    }
  }
  return errors;
}


export const STATE_NAMES = { QUEUED: 'Queued', RUNNING: 'Running', SUCCEEDED: 'Succeeded', FAILED: 'Failed', CANCELLED: 'Cancelled' };

export const PHASE_NAMES = {
  PREPARING: 'Preparing the training set', LAUNCHED: 'Starting the training job', TRAINING: 'Training',
  EVALUATING: 'Evaluating on the held-out sentences',
};

/** A FAILED run's reason in words (the message says more). */
export const REASON_NAMES = {
  INSUFFICIENT_DATA: 'Too little data', INVALID_PARAMETERS: 'Parameters or data refused', JOB_FAILED: 'The training job failed',
};

/** The quality gate's decision on a run that asked to be deployed, in words. */
export const GATE_NAMES = {
  PASSED: 'Quality gate passed', REFUSED: 'Not deployed: the quality gate refused it', NOT_GATED: 'Deployed without a comparison',
};
