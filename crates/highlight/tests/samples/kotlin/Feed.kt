package org.example.blog

import java.time.LocalDate

/** A post in the feed. */
data class Post(val title: String, val date: LocalDate, val tags: List<String> = emptyList())

sealed interface Result<out T> {
    data class Ok<T>(val value: T) : Result<T>
    object Empty : Result<Nothing>
}

private const val LIMIT = 10

fun <T> List<T>.firstOrEmpty(): Result<T> = if (isEmpty()) Result.Empty else Result.Ok(first())

class Feed(private val posts: MutableList<Post> = mutableListOf()) {
    fun add(post: Post) {
        posts += post
        println("added ${post.title} (${posts.size} posts), limit $LIMIT")
    }

    suspend fun latest(n: Int = LIMIT): List<Post> =
        posts.sortedByDescending { it.date }.take(n)

    override fun toString(): String = """Feed with
        ${posts.size} posts"""
}

fun main() {
    val feed = Feed()
    val (a, b) = Pair(1, 2.5)
    feed.add(Post("Hello", LocalDate.of(2024, 5, 1), listOf("kotlin")))
    when (val r = listOf(a, b).firstOrEmpty()) {
        is Result.Ok -> println(r.value)
        Result.Empty -> println('x')
    }
    val name: String? = null
    println(name?.length ?: 0x1F)
}
