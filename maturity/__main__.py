from maturity.cli import main

main()
