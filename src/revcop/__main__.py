from revcop.cli import main

main()
