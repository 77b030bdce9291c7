// A program that only links: tests/architecture/CMakeLists.txt links one module into it whole, with
// the module's declared dependencies alone, so that an undeclared one shows as an undefined symbol.
int main() { return 0; }
