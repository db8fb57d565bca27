namespace FhirGateway.FhirPath.Typing;

/// <summary>A set of System types, for the static checks.</summary>
[Flags]
internal enum SystemKinds
{
    None = 0,
    Boolean = 1,
    Integer = 2,
    Decimal = 4,
    String = 8,
    Date = 16,
    DateTime = 32,
    Time = 64,
    Quantity = 128,
    Numbers = Integer | Decimal,
    Temporal = Date | DateTime | Time,
}
