namespace ApexFleet.Cli.Input;

/// <summary>An input file the command cannot use; the message names the file, row and column.</summary>
public sealed class CsvInputException(string message) : Exception(message);
