%% @doc The blog's feed server.
-module(feed).
-behaviour(gen_server).

-export([start_link/0, latest/1]).
-export([init/1, handle_call/3, handle_cast/2]).

-define(LIMIT, 10).
-record(post, {title = "" :: string(), date, tags = [] :: [atom()]}).

start_link() ->
    gen_server:start_link({local, ?MODULE}, ?MODULE, [], []).

latest(N) when is_integer(N), N > 0 ->
    gen_server:call(?MODULE, {latest, N}).

init([]) ->
    {ok, #{posts => [], built => undefined}}.

handle_call({latest, N}, _From, #{posts := Posts} = State) ->
    Sorted = lists:sort(fun(A, B) -> A#post.date >= B#post.date end, Posts),
    {reply, lists:sublist(Sorted, min(N, ?LIMIT)), State};
handle_call(Other, _From, State) ->
    io:format("unexpected: ~p~n", [Other]),
    {reply, {error, badarg}, State}.

handle_cast({add, #post{} = P}, State = #{posts := Ps}) ->
    {noreply, State#{posts := [P | Ps]}};
handle_cast(_Msg, State) ->
    {noreply, State}.

slug(Title) ->
    Lower = string:lowercase(Title),
    re:replace(Lower, "[^a-z0-9]+", "-", [global, {return, list}]).

size_of(Bin) -> byte_size(<<Bin/binary, 16#1F>>) + $a.
