// Placeholder until the compiler lands (issue 2): fails loudly rather than pretending.
console.error('compile-data: not implemented yet');
process.exit(1);
