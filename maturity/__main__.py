from maturity.launch import main

main()
