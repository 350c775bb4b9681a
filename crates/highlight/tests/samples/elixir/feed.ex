defmodule Blog.Feed do
  @moduledoc """
  Builds the site's feed from its posts.
  """
  use GenServer
  require Logger
  alias Blog.{Post, Repo}

  @limit 10
  @type entry :: %{title: String.t(), date: Date.t()}

  defstruct posts: [], built_at: nil

  def start_link(opts \\ []) do
    GenServer.start_link(__MODULE__, opts, name: __MODULE__)
  end

  @impl true
  def init(_opts), do: {:ok, %__MODULE__{}}

  @doc "The latest `n` posts, newest first."
  @spec latest([Post.t()], non_neg_integer()) :: [Post.t()]
  def latest(posts, n \\ @limit) when is_list(posts) and n > 0 do
    posts
    |> Enum.reject(& &1.draft?)
    |> Enum.sort_by(& &1.date, {:desc, Date})
    |> Enum.take(n)
  end

  def render(%Post{title: title, slug: slug} = post) do
    ~s(<item><title>#{title}</title><link>/#{slug}/</link></item>)
  end

  defp parse(line) do
    case String.split(line, "\t") do
      [title, date] ->
        with {:ok, d} <- Date.from_iso8601(date) do
          {:ok, %Post{title: title, date: d}}
        end

      other ->
        Logger.warning("bad line: #{inspect(other)}")
        {:error, :bad_line}
    end
  end

  def handle_call(:build, _from, state) do
    items = for p <- latest(Repo.all()), do: render(p)
    size = length(items) * 2 + 0x1F
    {:reply, Enum.join(items, "\n"), %{state | built_at: DateTime.utc_now(), posts: size}}
  end

  def slug(title), do: title |> String.downcase() |> String.replace(~r/[^a-z0-9]+/, "-")
end
