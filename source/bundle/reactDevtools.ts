// Ink imports react-devtools-core only when DEV is set; the bundle puts this in its place (see build.mjs).
export default { connectToDevTools() {} };
