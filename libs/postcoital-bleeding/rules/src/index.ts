export * from './lib/recommendation';
export * from './lib/rule';
export * from './lib/evaluate-postcoital-bleeding';
