/** Chart option builders (pure, no DOM): the web draws them, the server renders them to SVG. */
export * from './spec';
export * from './evaluation';
export * from './campaign';
export * from './honours';
export * from './security';
