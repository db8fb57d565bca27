using System.Runtime.CompilerServices;
using FhirGateway.Fhir.Definitions;

namespace FhirGateway.Fhir.Model;

/// <summary>
/// Base of the typed R4 classes. A typed object is a view over an <see cref="ElementNode"/>, not a copy:
/// reading a property reads the node, setting it changes the node, so the generic tree stays the one
/// representation that the readers, writers and validators work on. Two views are equal when they view
/// the same node.
/// </summary>
public abstract class FhirObject : IEquatable<FhirObject>
{
    private protected FhirObject(ElementNode node) => Node = node;

    /// <summary>The node this object views.</summary>
    public ElementNode Node { get; }

    /// <summary>Wraps a node in the most specific typed class for its type.</summary>
    /// <exception cref="ArgumentException">The node is not an R4 node.</exception>
    public static FhirObject Wrap(ElementNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (!ReferenceEquals(node.Type.Model, FhirModel.R4))
        {
            throw new ArgumentException($"The typed classes view FHIR R4 nodes; this {node.Type.Name} is FHIR {node.Type.Model.Version}.", nameof(node));
        }

        return GeneratedFactory.Create(node) ?? Untyped(node);
    }

    /// <summary>Wraps a node in its most specific typed class, which must be a <typeparamref name="T"/>.</summary>
    /// <exception cref="ArgumentException">The node's type has no <typeparamref name="T"/> view.</exception>
    public static T Wrap<T>(ElementNode node)
        where T : FhirObject =>
        Wrap(node) as T ?? throw new ArgumentException($"A {node.Type.Name} node cannot be viewed as {typeof(T).Name}.", nameof(node));

    /// <inheritdoc />
    public bool Equals(FhirObject? other) => other is not null && ReferenceEquals(Node, other.Node);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FhirObject other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => RuntimeHelpers.GetHashCode(Node);

    /// <summary>Whether both view the same node.</summary>
    public static bool operator ==(FhirObject? left, FhirObject? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Whether the two view different nodes.</summary>
    public static bool operator !=(FhirObject? left, FhirObject? right) => !(left == right);

    /// <inheritdoc />
    public override string ToString() => Node.ToString();

    /// <summary>The view for a node whose type has no generated class: a resource or backbone the gateway does not build.</summary>
    private static FhirObject Untyped(ElementNode node)
    {
        var type = node.Type;
        if (type.IsResource)
        {
            return ModelTypes.DomainResource.IsAssignableFrom(type) ? new GenericDomainResource(node) : new GenericResource(node);
        }

        if (type.Kind == TypeKind.Backbone && ModelTypes.BackboneElement.IsAssignableFrom(type))
        {
            return new GenericBackboneElement(node);
        }

        throw new NotSupportedException($"There is no typed class for {type.Name}.");
    }

    /// <summary>
    /// The node to place in <paramref name="element"/>: a node created on its own is bound to it (so the caller's
    /// view stays live), one already there is kept, and one that belongs to another element is copied.
    /// </summary>
    internal static ElementNode Attachable(ElementNode node, ElementInfo element)
    {
        if (node.Definition is null)
        {
            node.BindTo(element);
            return node;
        }

        return ReferenceEquals(node.Definition, element) ? node : node.DeepCopy(element);
    }

    /// <summary>Checks that a node handed to a constructor is of the class's type (or derives from it).</summary>
    private protected static ElementNode Expect(ElementNode node, TypeDefinition type)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (!type.IsAssignableFrom(node.Type))
        {
            throw new ArgumentException($"A {type.Name} view needs an R4 {type.Name} node, not a FHIR {node.Type.Model.Version} {node.Type.Name}.", nameof(node));
        }

        return node;
    }

    private protected T? GetChild<T>(string name)
        where T : FhirObject =>
        Node.Child(name) is { } child ? Wrap<T>(child) : null;

    /// <summary>Replaces the element's value (for a choice element, whatever type it held); null removes it.</summary>
    private protected void SetChild(string name, FhirObject? value)
    {
        var element = ElementNamed(name);
        var node = value is null ? null : Attachable(value.Node, element);
        if (node is not null && ReferenceEquals(Node.Child(name), node))
        {
            return;
        }

        Node.RemoveAll(name);
        if (node is not null)
        {
            Node.Add(node);
        }
    }

    private protected string? GetString(string name) => Node.Child(name)?.Value;

    /// <summary>
    /// Sets a primitive element's value. The element's id and extensions stay; clearing the value of an
    /// element that has neither removes it, as FHIR has no empty elements (https://hl7.org/fhir/R4/json.html#primitive).
    /// </summary>
    private protected void SetString(string name, string? value)
    {
        var child = Node.Child(name);
        if (child is null)
        {
            if (value is null)
            {
                return;
            }

            child = Node.AddNew(name);
        }

        child.Value = value;
        if (value is null && child.ChildCount == 0)
        {
            Node.Remove(child);
        }
    }

    private protected bool? GetBoolean(string name) => PrimitiveValues.ToBoolean(Node.Child(name));

    private protected void SetBoolean(string name, bool? value) => SetString(name, PrimitiveValues.FromBoolean(value));

    private protected int? GetInt32(string name) => PrimitiveValues.ToInt32(Node.Child(name));

    private protected void SetInt32(string name, int? value) => SetString(name, PrimitiveValues.FromInt32(value));

    private protected decimal? GetDecimal(string name) => PrimitiveValues.ToDecimal(Node.Child(name));

    private protected void SetDecimal(string name, decimal? value) => SetString(name, PrimitiveValues.FromDecimal(value));

    private protected ElementList<T> GetList<T>(string name)
        where T : FhirObject =>
        new(Node, ElementNamed(name));

    private protected PrimitiveList<T> GetValues<T>(string name, Func<ElementNode, T> read, Func<T, string?> write) =>
        new(Node, ElementNamed(name), read, write);

    private ElementInfo ElementNamed(string name) =>
        Node.Type.FindElement(name) ?? throw new InvalidOperationException($"A {Node.Type.Name} has no element '{name}'.");
}
