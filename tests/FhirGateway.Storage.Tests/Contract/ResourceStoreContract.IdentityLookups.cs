using FhirGateway.Storage.Tests.Support;

namespace FhirGateway.Storage.Tests.Contract;

// Identity-key lookups for conditional update and delete (https://hl7.org/fhir/R4/http.html#cond-update), and ids a
// transaction Bundle assigns before it writes (https://hl7.org/fhir/R4/bundle.html#references).
public abstract partial class ResourceStoreContract
{
    [DatabaseFact]
    public async Task Identity_key_lookup_names_the_current_holders()
    {
        var a = await CreatedAsync(TestResources.PatientWrite("A", "1111111111"));
        var b = await CreatedAsync(TestResources.PatientWrite("B", "2222222222"));
        var gone = await CreatedAsync(TestResources.PatientWrite("Gone", "3333333333"));
        await Store.DeleteAsync("Patient", gone.Id);

        var holders = await Store.FindIdentityKeyHoldersAsync(
            [TestResources.NhsKey("2222222222"), TestResources.NhsKey("1111111111"), TestResources.NhsKey("3333333333"), TestResources.NhsKey("9999999999"), TestResources.NhsKey("1111111111")]);

        Assert.Equal(
            [new IdentityKeyHolder(TestResources.NhsKey("1111111111"), "Patient", a.Id), new IdentityKeyHolder(TestResources.NhsKey("2222222222"), "Patient", b.Id)],
            holders);
        Assert.Empty(await Store.FindIdentityKeyHoldersAsync([]));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.FindIdentityKeyHoldersAsync(["NoSuchType|identifier|x|y"]));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.FindIdentityKeyHoldersAsync(["Patient"]));
    }

    [DatabaseFact]
    public async Task Identity_key_lookup_in_a_transaction_sees_its_own_writes()
    {
        await using var transaction = await Store.BeginTransactionAsync();
        var created = await transaction.CreateAsync(TestResources.PatientWrite("New", "9449305552"));

        var inside = await transaction.FindIdentityKeyHoldersAsync([TestResources.NhsKey("9449305552")]);
        var outside = await Harness.NewInstance().FindIdentityKeyHoldersAsync([TestResources.NhsKey("9449305552")]);

        Assert.Equal(created.Version!.Id, Assert.Single(inside).Id);
        Assert.Empty(outside);
    }

    [DatabaseFact]
    public async Task A_create_takes_the_id_the_caller_assigned()
    {
        var id = Guid.NewGuid().ToString("D");

        var created = await Store.CreateAsync(TestResources.PatientWrite("Assigned") with { AssignedId = id });
        var conditional = await Store.ConditionalCreateAsync(TestResources.PatientWrite("Conditional", "9449305552") with { AssignedId = "cond-1" });
        var matched = await Store.ConditionalCreateAsync(TestResources.PatientWrite("Again", "9449305552") with { AssignedId = "cond-2" });

        Assert.Equal((WriteStatus.Created, id, 1L, ResourceChange.Create), (created.Status, created.Version!.Id, created.Version.VersionId, created.Version.Change));
        Assert.Equal(id, TestResources.MetaOf(created.Version).Id);
        Assert.Equal("cond-1", conditional.Version!.Id);
        Assert.Equal((WriteStatus.Exists, "cond-1"), (matched.Status, matched.Version!.Id));
        Assert.Equal(ReadStatus.NotFound, (await Store.ReadAsync("Patient", "cond-2")).Status);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.CreateAsync(TestResources.PatientWrite("Taken") with { AssignedId = id }));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.CreateAsync(TestResources.PatientWrite("Bad") with { AssignedId = "not an id" }));
        Assert.Equal(2, await CountAsync("resources"));
    }
}
