from frontmap.cli import main

main()
