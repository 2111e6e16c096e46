// The uncertainty measures of the task order (annotation-service's TaskOrder.Measure), in one place
// for the screens that name them: Setup's choice and Annotate's "why this task".

/** Each measure: its API value, its short name, the task's `uncertainty` key, and Setup's description. */
export const MEASURES = [
  { value: 'mnlp', name: 'MNLP', key: 'mnlp',
    label: 'MNLP: the model\'s mean log-probability per word (recommended; fair to short and long texts)' },
  { value: 'least-confidence', name: 'least confidence', key: 'leastConfidence',
    label: 'Least confidence: 1 − the probability of the whole tagging (prefers long texts)' },
  { value: 'entropy', name: 'entropy', key: 'entropy',
    label: 'Entropy: how evenly the model spreads its probability over the tags, per word' },
];

export const measure = value => MEASURES.find(m => m.value === value);
